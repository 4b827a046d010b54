import { create } from 'zustand';

/** What the store browser is filtered by; kept while moving between the store and an app. */
interface StoreBrowseState {
  category: string | null;
  search: string;
  setCategory(category: string | null): void;
  setSearch(search: string): void;
}

export const useStoreBrowse = create<StoreBrowseState>((set) => ({
  category: null,
  search: '',
  setCategory: (category) => set({ category }),
  setSearch: (search) => set({ search }),
}));

/** The store list's request for a category and search words (main.tsx asks the first one early). */
export function storeListRequest(category: string | null, search: string): { category?: string; search?: string } {
  return { category: category ?? undefined, search: search || undefined };
}
