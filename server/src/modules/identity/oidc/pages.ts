// The provider's own HTML pages (login, second step, consent, logout) share one look: plain
// server-rendered Vietnamese pages, usable on a phone.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} — open06</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f5f5;margin:0;color:#1f1f1f}
header{background:#b3261e;color:#ffd54f;padding:14px 20px;font-size:22px;font-weight:700}
header small{color:#fff;font-weight:400;font-size:14px;margin-left:10px}
main{max-width:440px;margin:24px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:22px;margin:0 0 16px}
label{display:block;margin:12px 0 4px;font-weight:600}
input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #ccc;border-radius:6px;font-size:16px}
button{margin-top:18px;width:100%;padding:12px;border:0;border-radius:6px;background:#b3261e;color:#fff;font-size:16px;cursor:pointer}
a.secondary{display:block;text-align:center;margin-top:12px;color:#555}
button.alt{background:#fff;color:#b3261e;border:1px solid #b3261e}
.or{text-align:center;color:#888;margin:16px 0 0}
.error{background:#fdecea;color:#8a1c12;padding:10px;border-radius:6px;margin-bottom:12px}
ul{padding-left:20px} li{margin:6px 0} .muted{color:#666;font-size:14px}
</style></head><body><header>open06<small>Định danh điện tử</small></header><main>${body}</main></body></html>`;
}
