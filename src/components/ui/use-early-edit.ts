import { useCallback, useEffect, useRef, type Ref, type RefCallback } from "react";

type EditableElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Input types whose edits are text; checkboxes and radios are left to their own click handling. */
const TEXT_INPUT_TYPES = new Set(["text", "email", "password", "search", "url", "tel", "number"]);

/**
 * What was typed or picked in a field before the page hydrated: hydration leaves the field's value as the user
 * left it while React's state keeps the rendered one, and the next render would put that back (a channel
 * typed early vanishes when the next field changes). React records the rendered value as the field's default
 * while hydrating, so a value that differs from it is an early edit. It is replayed as the event React would
 * have heard: for text, the rendered value through React's own value setter (so React sees a change), then
 * the typed one through the element's native setter, then an input event; for a select, a change event.
 */
function replayEarlyEdit(node: EditableElement): void {
  if (node instanceof HTMLSelectElement) {
    const rendered = Array.from(node.options).find((option) => option.defaultSelected) ?? node.options[0];
    if (rendered && node.value !== rendered.value) node.dispatchEvent(new Event("change", { bubbles: true }));
    return;
  }
  if (node instanceof HTMLInputElement && !TEXT_INPUT_TYPES.has(node.type)) return;
  const typed = node.value;
  if (typed === node.defaultValue) return;
  node.value = node.defaultValue;
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(node), "value")?.set?.call(node, typed);
  node.dispatchEvent(new Event("input", { bubbles: true }));
}

/**
 * A ref for a form field that keeps an edit made before the page hydrated (see replayEarlyEdit), combined
 * with the caller's own ref. Fields rendered in the browser, never server-rendered, have nothing to replay.
 */
export function useEarlyEditRef<T extends EditableElement>(callerRef?: Ref<T>): RefCallback<T> {
  const nodeRef = useRef<T>(null);
  useEffect(() => {
    if (nodeRef.current) replayEarlyEdit(nodeRef.current);
  }, []);
  return useCallback(
    (node: T | null) => {
      nodeRef.current = node;
      if (typeof callerRef === "function") return callerRef(node);
      if (callerRef) callerRef.current = node;
    },
    [callerRef],
  );
}
