// Small DOM helpers. Everything the API returns is put into the page as text (textContent or
// attribute values), never as HTML, so a nominee called "<script>" stays a name.

// h("a", {href: "#/", class: "x", "data-testid": "y", onclick: fn}, "text", child, [more])
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") {
        el.addEventListener(key.slice(2), value);
      } else if (key === "class") {
        el.className = value;
      } else if (key === "value") {
        el.value = value;
      } else if (key === "checked" || key === "selected" || key === "disabled" ||
                 key === "required" || key === "readOnly" || key === "hidden" ||
                 key === "multiple") {
        el[key] = Boolean(value);
      } else if (key === "style" && typeof value === "object") {
        Object.assign(el.style, value);
      } else {
        el.setAttribute(key, value === true ? "" : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
  return parent;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

let fieldCounter = 0;
export function uniqueId(prefix) {
  fieldCounter += 1;
  return `${prefix}-${fieldCounter}`;
}

// A labelled form field: <div class="field"><label for=id>Label</label><control id=id></div>.
export function field(label, control, hint) {
  if (!control.id) control.id = uniqueId("f");
  const hintEl = hint ? h("p", {class: "hint", id: `${control.id}-hint`}, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", {class: "field"}, h("label", {for: control.id}, label), control, hintEl);
}

export function messageBox(kind, text, testid) {
  return h("div", {
    class: `message message-${kind}`,
    role: kind === "error" ? "alert" : "status",
    "data-testid": testid,
  }, text);
}
