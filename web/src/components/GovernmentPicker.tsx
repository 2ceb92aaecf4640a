// A combobox that finds a government as you type its name or reading (かな/カナ/半角),
// with arrow keys and Enter; used wherever a user names a government.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { usePrefs } from '../prefs';
import { KIND_LABELS, label } from '../i18n';

export interface GovernmentRef {
  code: string;
  name: string;
  prefecture_name: string;
  kind: string;
}

interface Props {
  id: string;
  value: GovernmentRef | null;
  onChange: (g: GovernmentRef | null) => void;
  required?: boolean;
  autoFocus?: boolean;
}

export function GovernmentPicker({ id, value, onChange, required, autoFocus }: Props) {
  const { prefs } = usePrefs();
  const [text, setText] = useState(value ? value.name : '');
  const [options, setOptions] = useState<GovernmentRef[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    setText(value ? value.name : '');
  }, [value?.code]);

  useEffect(() => {
    if (!open || !text.trim() || (value && text === value.name)) {
      setOptions([]);
      return;
    }
    const my = ++seq.current;
    const timer = setTimeout(async () => {
      try {
        const res = await api<{ items: GovernmentRef[] }>('/api/governments', {
          query: { q: text.trim(), limit: 8, include_no_government: false },
        });
        if (my === seq.current) {
          setOptions(res.items);
          setActive(0);
        }
      } catch {
        if (my === seq.current) setOptions([]);
      }
    }, 120);
    return () => clearTimeout(timer);
  }, [text, open]);

  const choose = (g: GovernmentRef) => {
    onChange(g);
    setText(g.name);
    setOpen(false);
    setOptions([]);
  };

  const listId = `${id}-list`;
  const expanded = open && options.length > 0;
  return (
    <div class="combo">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
        required={required}
        autoFocus={autoFocus}
        value={text}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onKeyDown={(e) => {
          if (!expanded) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(options[active]);
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            setOpen(false);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {expanded && (
        <ul id={listId} role="listbox" class="combo-list">
          {options.map((g, i) => (
            <li
              key={g.code}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(g);
              }}
            >
              {g.name}
              <small>
                {g.kind === 'prefecture' ? '' : g.prefecture_name} {label(KIND_LABELS, g.kind, prefs.lang)} {g.code}
              </small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
