import { create } from 'zustand';

export type QueueFilter = 'waiting' | 'mine' | 'all' | 'apps';

interface ReviewUiState {
  filter: QueueFilter;
  setFilter(filter: QueueFilter): void;
}

export const useReviewUi = create<ReviewUiState>((set) => ({
  filter: 'waiting',
  setFilter: (filter) => set({ filter }),
}));
