// Candidacy parent-side script for iframe mode: include it once on the page that holds
//
//   <iframe data-candidacy-frame src="https://clinic.example/candidacy/embed.html?clinic-name=..."
//           title="Check if microneedling could be right for you"></iframe>
//
// It sets each such frame's height to its content's (no inner scroll bar) and re-dispatches the
// widget's relayed events (`parent-origin` set) on the iframe element, bubbling, like the
// custom element's own. Messages from any other window or origin are ignored.

window.addEventListener("message", (event) => {
  const message = event.data;
  if (!message || typeof message !== "object" || typeof message.type !== "string") return;
  for (const frame of document.querySelectorAll("iframe[data-candidacy-frame]")) {
    if (frame.contentWindow !== event.source) continue;
    if (new URL(frame.src, location.href).origin !== event.origin) return;
    if (message.type === "candidacy:resize") {
      const height = Number(message.height);
      if (Number.isFinite(height) && height > 0 && height < 100000) frame.style.height = `${Math.ceil(height)}px`;
    } else if (message.type === "candidacy:event" && /^candidacy:[a-z]+$/.test(message.name)) {
      frame.dispatchEvent(new CustomEvent(message.name, { bubbles: true, composed: true, detail: message.detail }));
    }
    return;
  }
});
