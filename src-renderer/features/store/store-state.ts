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
