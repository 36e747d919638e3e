// The JSON body editor: CodeMirror 6 with the core's violations as diagnostics.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

// Token colours come from the stylesheet, so both themes keep readable contrast.
const highlight = HighlightStyle.define([
  { tag: tags.string, color: 'var(--tok-string)' },
  { tag: tags.number, color: 'var(--tok-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--tok-keyword)' },
  { tag: tags.propertyName, color: 'var(--tok-property)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

// Editor chrome from the page's colour variables (a theme outranks CodeMirror's defaults).
const theme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--card)',
    color: 'var(--text)',
    minHeight: 'var(--editor-min-height, 14rem)',
    maxHeight: '32rem',
  },
  '.cm-scroller': { fontFamily: 'inherit' },
  '.cm-gutters': {
    backgroundColor: 'var(--code-bg)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 10%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 18%, transparent)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 30%, transparent)',
  },
  '.cm-tooltip': { backgroundColor: 'var(--card)', color: 'var(--text)', border: '1px solid var(--border)' },
});

/**
 * Creates the editor in `parent`. `onChange(text)` runs after every edit; `onSubmit()` on
 * Ctrl/Cmd+Enter; `describedBy` is the id of a hint on leaving the editor with the keyboard.
 * Returns a small facade so the rest of the page never touches CodeMirror.
 */
export function createEditor({ parent, root, text, label, describedBy, onChange, onSubmit }) {
  const labelling = new Compartment();
  const view = new EditorView({
    parent,
    root,
    state: EditorState.create({
      doc: text,
      extensions: extensions({ label, labelling, describedBy, onChange, onSubmit }),
    }),
  });
  return facade(view, labelling);
}

// JSON with line numbers, wrapping, the lint gutter and the keys; the label in its own compartment.
function extensions({ label, labelling, describedBy, onChange, onSubmit }) {
  return [
    lineNumbers(),
    history(),
    bracketMatching(),
    highlightActiveLine(),
    syntaxHighlighting(highlight),
    json(),
    theme,
    // Long lines wrap, so an underline anywhere in a line is in view without scrolling sideways.
    EditorView.lineWrapping,
    lintGutter(),
    keymap.of([
      { key: 'Mod-Enter', run: () => (onSubmit(), true) },
      indentWithTab,
      ...defaultKeymap,
      ...historyKeymap,
    ]),
    EditorView.contentAttributes.of({
      // The content is the editor's one tab stop; saying so lets checkers see that its
      // scrolling region is keyboard-reachable (axe scrollable-region-focusable).
      tabindex: '0',
      'aria-multiline': 'true',
      ...(describedBy && { 'aria-describedby': describedBy }),
    }),
    // The label follows the page's locale (setLabel).
    labelling.of(EditorView.contentAttributes.of({ 'aria-label': label })),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
    }),
  ];
}

// The small surface the rest of the page uses, so it never touches CodeMirror.
function facade(view, labelling) {
  return {
    get text() {
      return view.state.doc.toString();
    },
    /** Replaces the whole text (the form's edits), keeping undo history. */
    setText(next) {
      if (next === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    /** Underlines violations: from/to are UTF-16 indices, which is what CodeMirror counts. */
    showViolations(violations) {
      const length = view.state.doc.length;
      const diagnostics = violations
        .filter((v) => v.from !== undefined)
        .map((v) => ({
          from: Math.min(v.from, length),
          to: Math.min(Math.max(v.to, v.from + 1), length),
          severity: v.severity === 'error' ? 'error' : 'warning',
          message: `${v.message} [${v.code}]`,
          source: v.path || '(root)',
        }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** Selects a range and focuses the editor (from the summary list). */
    select(from, to) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, length), head: Math.min(to ?? from, length) },
        scrollIntoView: true,
      });
      view.focus();
    },
    replace(from, to, insert) {
      view.dispatch({ changes: { from, to, insert } });
    },
    focus() {
      view.focus();
    },
    /** Renames the editor for assistive technology (a new locale). */
    setLabel(next) {
      view.dispatch({
        effects: labelling.reconfigure(EditorView.contentAttributes.of({ 'aria-label': next })),
      });
    },
  };
}
