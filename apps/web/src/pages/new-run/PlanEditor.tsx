import { useImperativeHandle, useMemo, useRef, type JSX, type Ref } from 'react';
import { lineColumnOf, type Span } from '../json-scan';

export interface PlanEditorHandle {
  /** Selects a span of the text and scrolls it into view (an issue's place in the plan). */
  select(span: Span): void;
}

interface PlanEditorProps {
  value: string;
  onChange(value: string): void;
  ref?: Ref<PlanEditorHandle>;
  /** 1-based lines to mark in the gutter (where issues are). */
  marked?: ReadonlySet<number>;
}

/** The plan's JSON in a plain textarea (no wrapping, so a line of the gutter is a line of the text). */
export function PlanEditor({ value, onChange, ref, marked }: PlanEditorProps): JSX.Element {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = useMemo(() => countLines(value), [value]);
  const numbers = useMemo(() => Array.from({ length: lineCount }, (_, i) => i + 1).join('\n'), [lineCount]);

  useImperativeHandle(ref, () => ({
    select(span: Span) {
      const element = area.current;
      if (element === null) return;
      element.focus();
      element.setSelectionRange(span.start, span.end);
      const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 18;
      const { line } = lineColumnOf(element.value, span.start);
      element.scrollTop = Math.max(0, (line - 4) * lineHeight);
    },
  }));

  return (
    <div className="plan-editor">
      <div className="gutter" ref={gutter} aria-hidden="true">
        {/* One text node for the numbers (a plan may have tens of thousands of lines), marks laid over it. */}
        <div className="gutter-content">
          {[...(marked ?? [])].map((line) => (
            <div key={line} className="mark" style={{ top: `calc(${line - 1} * var(--editor-line))` }} />
          ))}
          <pre>{numbers}</pre>
        </div>
      </div>
      <textarea
        ref={area}
        data-testid="plan-editor"
        aria-label="Plan JSON"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        wrap="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onScroll={(event) => {
          if (gutter.current !== null) gutter.current.scrollTop = event.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}
