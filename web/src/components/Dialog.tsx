// A modal built on the native <dialog>: focus is trapped by the browser, Escape
// closes it, and it is labelled by its heading for screen readers and tests.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n';

interface Props {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}

let nextId = 0;

export function Dialog({ title, open, onClose, children, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useRef(`dlg-${++nextId}`);
  const t = useT();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      class={wide ? 'dialog wide' : 'dialog'}
      aria-labelledby={id.current}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header class="dialog-head">
        <h2 id={id.current}>{title}</h2>
        <button type="button" class="icon" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      {open && children}
    </dialog>
  );
}
