// Candidacy parent-side script for iframe mode: include it once on the page that holds
//
//   <iframe data-candidacy-frame src="https://clinic.example/candidacy/embed.html?clinic-name=..."
//           title="Check if microneedling could be right for you"></iframe>
//
// It sets each such frame's height to its content's (no inner scroll bar), opens the quiz's calls
// to action in this page (never inside the frame), passes this page's campaign parameters
// (utm_*, click ids) to the frames, sends a frame its `data-candidacy-config` (JSON attributes,
// applied only if the frame's embed-config.json lists this page's origin in `parentOrigins`), and
// re-dispatches the widget's relayed events on the iframe element, bubbling, like the custom
// element's own. Messages from any other window or origin are ignored.

const CAMPAIGN = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid", "fbclid", "msclkid"];

function frames() {
  return document.querySelectorAll("iframe[data-candidacy-frame]");
}

// Campaign parameters reach the widget through its frame's URL (it cannot read this page's).
function passCampaign() {
  const here = new URLSearchParams(location.search);
  const campaign = CAMPAIGN.filter((name) => here.get(name));
  if (campaign.length === 0) return;
  for (const frame of frames()) {
    const src = new URL(frame.src, location.href);
    if (campaign.every((name) => src.searchParams.has(name))) continue;
    for (const name of campaign) src.searchParams.set(name, here.get(name).slice(0, 200));
    frame.src = src.href;
  }
}

/// The attributes a frame's `data-candidacy-config` gives it, or null.
function configOf(frame) {
  const text = frame.dataset.candidacyConfig;
  if (!text) return null;
  try {
    const attributes = JSON.parse(text);
    if (attributes && typeof attributes === "object" && !Array.isArray(attributes)) return attributes;
  } catch {
    // Named below.
  }
  console.warn("candidacy: ignoring `data-candidacy-config`: write a JSON object of attributes");
  return null;
}

window.addEventListener("message", (event) => {
  const message = event.data;
  if (!message || typeof message !== "object" || typeof message.type !== "string") return;
  for (const frame of frames()) {
    if (frame.contentWindow !== event.source) continue;
    if (new URL(frame.src, location.href).origin !== event.origin) return;
    if (message.type === "candidacy:resize") {
      // Answered on every resize: a frame that reloads asks again (setting the same attributes
      // again changes nothing).
      event.source.postMessage({ type: "candidacy:parent" }, event.origin); // "this page can navigate for you"
      const attributes = configOf(frame);
      if (attributes) event.source.postMessage({ type: "candidacy:configure", attributes }, event.origin);
      const height = Number(message.height);
      if (Number.isFinite(height) && height > 0 && height < 100000) frame.style.height = `${Math.ceil(height)}px`;
    } else if (message.type === "candidacy:navigate") {
      const url = new URL(String(message.url), location.href);
      if (url.protocol === "https:" || url.protocol === "http:") location.assign(url.href);
    } else if (message.type === "candidacy:event" && /^candidacy:[a-z-]+$/.test(message.name)) {
      frame.dispatchEvent(new CustomEvent(message.name, { bubbles: true, composed: true, detail: message.detail }));
    }
    return;
  }
});

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", passCampaign);
else passCampaign();
