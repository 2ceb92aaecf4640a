// A short confirmation ("記録しました") shown in the shell's live region.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const ToastContext = createContext<(message: string) => void>(() => {});

export function useToast(): (message: string) => void {
  return useContext(ToastContext);
}
