import type { Nodes, Parents } from "mdast";

/** Visits every node of a Markdown tree in document order, with its parent; iterative, so no text can exhaust the stack. */
export function walkMdast(root: Nodes, visit: (node: Nodes, parent: Parents | undefined) => void): void {
  const stack: [Nodes, Parents | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop() as [Nodes, Parents | undefined];
    visit(node, parent);
    if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as Nodes, node]);
  }
}

/** The text a reader sees of a Markdown node: its text, code and the text of its children, without markup. */
export function mdastText(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode" || node.type === "code") return node.value;
  return "children" in node ? node.children.map(mdastText).join("") : "";
}
