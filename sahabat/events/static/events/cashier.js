// Booth cashier: two taps per sale (an amount, then the payment method). Every sale is queued on
// the phone first and sent to the ingestion API when the network allows, so a weak signal at a
// crowded event neither loses nor doubles a sale: each sale carries its own UUID, and the server
// counts a UUID once however often it is resent. No framework: this file is the whole client.
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("cashier-config").textContent);
  const text = config.strings;
  if (!config.booths.length) return; // the page says there is no booth to sell at yet
  const BATCH = 100; // small batches finish on a weak signal before it drops again
  const TICK_MS = 5000; // how often the queue is tried
  const TOTAL_EVERY = 3; // ticks between total refreshes: other phones may sell at the same booth
  const MAX_BACKOFF_MS = 60000;

  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
  const rupiah = (amount) => (amount < 0 ? "-" : "") + "Rp" + number.format(Math.abs(amount));
  // "en-CA" writes dates as YYYY-MM-DD, the same form as the server's "day".
  const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: config.timeZone });
  const timeFormat = new Intl.DateTimeFormat("id-ID", { timeZone: config.timeZone, hour: "2-digit", minute: "2-digit" });
  const dayOf = (value) => dayFormat.format(new Date(value));
  const fill = (template, values) => template.replace(/%\((\w+)\)s/g, (match, name) => values[name]);

  // Everything lives in localStorage under the event's id. The queue is read and written afresh on
  // every change (never kept in memory) so that two open tabs cannot overwrite each other's sales.
  const key = (name) => "sahabat.cashier." + config.eventId + "." + name;
  function load(name, fallback) {
    try {
      return JSON.parse(localStorage.getItem(key(name))) ?? fallback;
    } catch {
      return fallback; // unreadable (edited by hand, or another version of this page): start clean
    }
  }
  const save = (name, value) => localStorage.setItem(key(name), JSON.stringify(value));

  const state = { booth: null, amount: 0, asn: false, online: navigator.onLine, failures: 0, nextAttempt: 0 };

  function uuid4() {
    if (window.crypto.randomUUID) return window.crypto.randomUUID();
    // randomUUID needs a secure context and a recent browser; build an RFC 4122 version 4 UUID by hand.
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function csrfToken() {
    // The cookie first: a page opened from the offline cache may carry an older token.
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : config.csrfToken;
  }

  const enqueue = (sale) => save("queue", load("queue", []).concat([sale]));

  // ---- Booth: chosen once per event (from the QR code's ?booth= or the picker), then remembered.
  function chooseBooth(code) {
    const booth = config.booths.find((candidate) => candidate.code === code);
    $("booth-message").textContent = booth ? "" : fill(text.unknownBooth, { booth: code });
    $("booth-message").hidden = Boolean(booth);
    state.booth = booth || null;
    if (booth) save("booth", booth.code);
  }

  // ---- Entering a sale.
  function describe(sale) {
    return [rupiah(sale.amount), config.methodLabels[sale.payment_method]].concat(sale.buyer_type === "asn" ? ["ASN"] : []).join(" · ");
  }

  function press(key) {
    const digits = (state.amount ? String(state.amount) : "") + key;
    const value = key === "back" ? Math.floor(state.amount / 10) : Number(digits);
    // A typo with extra zeros would be refused by the server anyway; stop it at the keypad.
    if (value <= config.maxAmount) state.amount = value;
    render();
  }

  function record(method) {
    if (state.amount <= 0) return feedback(text.typeAmount, "warning");
    const sale = {
      client_uuid: uuid4(),
      booth: state.booth.code,
      amount: state.amount,
      occurred_at: new Date().toISOString(),
      payment_method: method,
      buyer_type: state.asn ? "asn" : "public",
    };
    enqueue(sale);
    save("last", sale);
    feedback(text.saved + ": " + describe(sale), "success");
    // Most buyers are the public: the ASN mark applies to one sale, never silently to the next.
    state.amount = 0;
    state.asn = false;
    if (navigator.vibrate) navigator.vibrate(40);
    render();
    tick(false);
  }

  function undo() {
    const last = load("last", null);
    if (!last) return;
    const question = fill(text.undoConfirm, { amount: rupiah(last.amount), method: config.methodLabels[last.payment_method] });
    if (!window.confirm(question)) return;
    // The ledger is append-only: a cancellation is a negative entry pointing at the original's UUID.
    const now = new Date().toISOString();
    enqueue(Object.assign({}, last, { client_uuid: uuid4(), amount: -last.amount, occurred_at: now, reversal_of: last.client_uuid }));
    localStorage.removeItem(key("last"));
    feedback(text.undone, "success");
    render();
    tick(false);
  }

  // ---- Sending. One tick at a time: the total is only read when no sale is in flight, so a sale
  // is never counted both as "on the server" and as "not yet sent".
  let running = false;
  let rerun = false;

  async function tick(withTotal) {
    if (running) { rerun = true; return; } // the tick under way goes round once more
    running = true;
    try {
      do {
        rerun = false;
        if (Date.now() < state.nextAttempt) break;
        const sent = await sendQueue();
        if (!sent && !withTotal) break;
        await refreshTotal();
        state.failures = 0;
        setOnline(true);
        showNotice("");
      } while (rerun);
    } catch (error) {
      // Network down, server busy or session ended: keep everything queued and retry later, less often each time.
      state.failures += 1;
      state.nextAttempt = Date.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** state.failures);
      if (error instanceof TypeError) setOnline(false);
      else showNotice(error.message, error.status === 401);
    } finally {
      running = false;
      render();
    }
  }

  async function request(url, options) {
    const response = await fetch(url, Object.assign({ credentials: "same-origin", cache: "no-store" }, options));
    const body = await response.json().catch(() => ({}));
    if (response.ok || response.status === 422) return { status: response.status, body: body };
    const detail = (body.errors || [])[0];
    const error = new Error(response.status === 401 ? text.loginAgain : detail ? detail.message : response.statusText);
    error.status = response.status;
    throw error;
  }

  async function sendQueue() {
    let sent = false;
    let batch = load("queue", []).slice(0, BATCH);
    while (batch.length) {
      const answer = await request(config.salesUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ items: batch }),
      });
      settle(batch, answer);
      sent = true;
      batch = load("queue", []).slice(0, BATCH);
    }
    return sent;
  }

  function settle(batch, answer) {
    // Created and duplicate both mean "the server has it"; refused ones go to a visible list with the reason.
    let refused = [];
    let done = batch;
    if (answer.status === 422) {
      // The batch as a whole was malformed: refuse the items the errors point at (or all), resend the rest.
      const errors = answer.body.errors || [];
      const pointed = errors.map((error) => /^items\.(\d+)/.exec(error.field || "")).filter(Boolean).map((match) => Number(match[1]));
      done = pointed.length ? batch.filter((sale, index) => pointed.includes(index)) : batch;
      refused = done.map((sale) => ({ sale: sale, reason: (errors[0] || {}).message }));
    } else {
      answer.body.results.forEach((result) => {
        if (result.status === "rejected") refused.push({ sale: batch[result.index], reason: result.errors[0].message });
      });
    }
    const sentIds = new Set(done.map((sale) => sale.client_uuid));
    save("queue", load("queue", []).filter((sale) => !sentIds.has(sale.client_uuid)));
    if (refused.length) save("rejected", load("rejected", []).concat(refused));
  }

  async function refreshTotal() {
    if (!state.booth) return;
    const answer = await request(config.totalUrl + "?booth=" + encodeURIComponent(state.booth.code), {});
    save("total", answer.body);
  }

  // ---- Showing.
  function setOnline(online) {
    state.online = online && navigator.onLine;
  }

  function showNotice(message, withLogin) {
    const notice = $("notice");
    notice.textContent = message;
    if (withLogin) {
      const link = document.createElement("a");
      link.href = config.loginUrl + "?next=" + encodeURIComponent(location.pathname + location.search);
      link.textContent = text.logIn;
      notice.append(" ", link);
    }
    notice.hidden = !message;
  }

  let feedbackTimer = null;
  function feedback(message, kind) {
    const element = $("feedback");
    element.textContent = message;
    element.className = "cashier-toast cashier-toast-" + kind;
    element.hidden = false;
    clearTimeout(feedbackTimer);
    feedbackTimer = setTimeout(() => { element.hidden = true; }, 3000);
  }

  function render() {
    const queue = load("queue", []);
    const today = dayOf(Date.now());
    $("pending-count").textContent = queue.length;
    $("pending").classList.toggle("cashier-pending-waiting", queue.length > 0);
    $("network").textContent = state.online ? text.online : text.offline;
    $("network").classList.toggle("cashier-network-offline", !state.online);
    $("offline-note").hidden = state.online;
    const picking = !state.booth;
    $("booth-picker").hidden = !picking;
    $("sale").hidden = picking;
    $("change-booth").hidden = picking;
    if (picking) return;

    $("booth-code").textContent = state.booth.code;
    $("booth-name").textContent = state.booth.name;
    const server = load("total", null);
    const serverToday = server && server.booth === state.booth.code && server.day === today ? server.turnover : 0;
    const pending = queue
      .filter((sale) => sale.booth === state.booth.code && dayOf(sale.occurred_at) === today)
      .reduce((sum, sale) => sum + sale.amount, 0);
    $("total").textContent = rupiah(serverToday + pending);
    $("total-note").textContent = fill(text.pendingNote, { amount: rupiah(pending) });
    $("total-note").hidden = pending === 0;

    $("amount").textContent = rupiah(state.amount);
    $("amount").classList.toggle("cashier-amount-long", state.amount >= 10000000);
    document.querySelectorAll("[data-amount]").forEach((button) => {
      button.setAttribute("aria-pressed", String(Number(button.dataset.amount) === state.amount));
    });
    $("asn").setAttribute("aria-pressed", String(state.asn));
    document.querySelectorAll("[data-method]").forEach((button) => {
      button.setAttribute("aria-disabled", String(state.amount <= 0));
    });

    const last = load("last", null);
    $("last").hidden = !last;
    $("last-sale").textContent = last ? describe(last) + " · " + timeFormat.format(new Date(last.occurred_at)) : "";

    const rejected = load("rejected", []);
    $("rejected").hidden = $("rejected-link").hidden = rejected.length === 0;
    $("rejected-count").textContent = $("rejected-link-count").textContent = rejected.length;
    $("rejected-list").replaceChildren(...rejected.map((entry) => {
      const item = document.createElement("li");
      item.textContent = rupiah(entry.sale.amount) + " · " + entry.sale.booth + " · " + timeFormat.format(new Date(entry.sale.occurred_at)) + ": " + entry.reason;
      return item;
    }));
  }

  // ---- Wiring.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.amount) { state.amount = Number(button.dataset.amount); render(); }
    else if (button.dataset.key) press(button.dataset.key);
    else if (button.dataset.method) record(button.dataset.method);
    else if (button.id === "amount-clear") { state.amount = 0; render(); }
    else if (button.id === "asn") { state.asn = !state.asn; render(); }
    else if (button.id === "undo") undo();
    else if (button.id === "rejected-clear") { localStorage.removeItem(key("rejected")); render(); }
    else if (button.id === "change-booth") { $("booth-select").value = state.booth.code; state.booth = null; render(); }
    else if (button.id === "booth-start") { chooseBooth($("booth-select").value); render(); tick(true); }
  });

  // A hardware keyboard (a tablet with a keyboard, a laptop at the info desk) types amounts too.
  document.addEventListener("keydown", (event) => {
    if (!state.booth || event.target.closest("select, input")) return;
    if (/^[0-9]$/.test(event.key)) press(event.key);
    else if (event.key === "Backspace") press("back");
    else if (event.key === "Escape") { state.amount = 0; render(); }
  });

  window.addEventListener("online", () => { state.nextAttempt = 0; setOnline(true); tick(true); });
  window.addEventListener("offline", () => { setOnline(false); render(); });
  // Another tab of the same event changed the queue or the total.
  window.addEventListener("storage", render);

  const fromLink = new URLSearchParams(location.search).get("booth");
  if (fromLink || load("booth", null)) chooseBooth(fromLink || load("booth", null));
  render();
  tick(true);
  let ticks = 0;
  setInterval(() => { ticks += 1; tick(ticks % TOTAL_EVERY === 0); }, TICK_MS);

  // The page still works online without the worker (plain-http installs cannot have one), so a
  // failed registration only means no offline start, which the page cannot fix.
  if ("serviceWorker" in navigator) navigator.serviceWorker.register(config.serviceWorkerUrl).catch(() => {});
})();
