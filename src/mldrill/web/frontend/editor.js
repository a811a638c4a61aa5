// The mldrill code editor: CodeMirror 6 over a <textarea>, which stays the source of truth
// (the page reads and writes textarea.value; the editor mirrors it both ways).
import { basicSetup } from "codemirror";
import { python } from "@codemirror/lang-python";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";

function attach(textarea) {
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        basicSetup,
        python(),
        keymap.of([indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") || "code editor" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            textarea.value = update.state.doc.toString();
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
          }
        }),
      ],
    }),
  });
  textarea.style.display = "none";
  textarea.insertAdjacentElement("afterend", view.dom);
  view.dom.classList.add("cm-mldrill");
  // Replacing the text (another file chosen, a draft restored) goes through setValue.
  textarea.mldrillSetValue = (text) => {
    textarea.value = text;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  };
  textarea.mldrillFocus = () => view.focus();
  return view;
}

window.mldrillEditor = { attach };
