/*!
 * Widget de discussion « Assistant Caf des élus » pour les sites partenaires.
 *
 * Intégration (une seule balise) :
 *   <script src="https://…/widget/caf-widget.js" defer
 *           data-server-url="https://assistant.example.org"
 *           data-title="Assistant Caf des élus"
 *           data-primary-color="#0b4ea2"
 *           data-sources-base-url="https://…/sources"></script>
 *
 * Réglages : attributs data-* de la balise, ou objet window.CafWidgetConfig défini avant
 * la balise (il l'emporte sur les attributs). Textes : data-lang-<clé> ou CafWidgetConfig.lang.
 * JavaScript simple, sans dépendance ni téléchargement externe ; la feuille de style
 * caf-widget.css est chargée à côté du script (data-css-url pour une autre adresse).
 * Les textes du robot et de l'utilisateur sont toujours insérés comme texte (jamais innerHTML).
 */
(function () {
  "use strict";

  if (window.CafWidget && window.CafWidget.version) {
    return; // déjà chargé (balise incluse deux fois)
  }

  var VERSION = "1.0.0";
  var STORAGE_VERSION = 1;
  var NBSP = "\u00a0";

  var DEFAULT_LANG = {
    launcher: "Une question ? Assistant Caf",
    greeting: "Bonjour ! Je réponds aux questions des élus sur ce que la Caf peut faire pour leur territoire : petite enfance, enfance et jeunesse, parentalité, animation de la vie sociale, accès aux droits… Je cite toujours la fiche de la Caf utilisée.",
    notice: "Réponses automatiques à partir des fiches de la Caf. N'indiquez pas de données personnelles.",
    placeholder: "Posez votre question…",
    inputLabel: "Votre question",
    send: "Envoyer",
    close: "Fermer l'assistant",
    reset: "Nouvelle conversation",
    resetDone: "Nouvelle conversation commencée.",
    logLabel: "Conversation avec l'assistant",
    you: "Vous :",
    bot: "L'assistant :",
    typing: "L'assistant écrit…",
    error: "Impossible de joindre l'assistant pour le moment. Votre message est conservé : vérifiez votre connexion puis réessayez.",
    interrupted: "La réponse à votre dernier message n'a pas été reçue (la page a changé pendant l'envoi). Vous pouvez le renvoyer.",
    retry: "Réessayer",
    retrying: "Nouvelle tentative en cours…",
    unsent: "Non envoyé",
    suggestionsLabel: "Exemples de questions",
    quickRepliesLabel: "Réponses proposées",
    counter: "{count} / {max} caractères",
    limit: "{max} caractères au maximum",
    tooLong: "Votre message dépasse {max} caractères : raccourcissez-le pour l'envoyer.",
    busy: "Patientez, l'assistant prépare sa réponse.",
    sourcePrefix: "Source :",
    historySource: "édition antérieure",
    edition: "édition",
    newWindow: "(nouvelle fenêtre)",
    estimateItem: "Poste",
    estimateAmount: "Montant",
    estimateTotal: "Total estimé",
    ceiling: "Plafond",
    ceilingApplied: "appliqué",
    ceilingNotApplied: "non atteint",
    perYear: "par an",
    notCounted: "pour information, non compté dans le total",
    upTo: "jusqu'à",
    from: "de",
    to: "à",
    rulesDate: "Règles en vigueur au {date}.",
    formula: "Calcul",
    parameter: "Paramètre",
    reference: "Référence",
    handoff: "Votre demande a été transmise à la Caf : une personne vous répondra.",
    handoffTicket: "Numéro de suivi : {ticket}.",
    handoffStatus: "État : {status}.",
    statusOpen: "en attente",
    statusPending: "en attente",
    statusQueued: "en attente",
    statusAssigned: "prise en charge",
    statusAnswered: "répondue",
    statusClosed: "close"
  };

  var DEFAULTS = {
    serverUrl: "",
    title: "Assistant Caf des élus",
    primaryColor: "#0b4ea2",
    sourcesBaseUrl: "",
    cssUrl: "",
    storageKey: "caf-widget",
    historyLimit: 150,
    historyHours: 24, // the stored conversation expires after this long without use
    maxLength: 1000,
    requestTimeout: 60000,
    position: "right",
    suggestions: [
      "C'est quoi une convention territoriale globale ?",
      "Comment la Caf aide à financer une crèche ?",
      "Aide pour créer un relais petite enfance"
    ]
  };

  // ---------------------------------------------------------------- configuration

  var currentScript = document.currentScript || (function () {
    var scripts = document.getElementsByTagName("script");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/caf-widget(\.min)?\.js(\?|#|$)/.test(scripts[i].src || "")) {
        return scripts[i];
      }
    }
    return null;
  })();

  function readConfig() {
    var config = {};
    var lang = {};
    var key;
    for (key in DEFAULTS) {
      if (Object.prototype.hasOwnProperty.call(DEFAULTS, key)) {
        config[key] = DEFAULTS[key];
      }
    }
    for (key in DEFAULT_LANG) {
      if (Object.prototype.hasOwnProperty.call(DEFAULT_LANG, key)) {
        lang[key] = DEFAULT_LANG[key];
      }
    }
    var data = (currentScript && currentScript.dataset) || {};
    for (key in data) {
      if (!Object.prototype.hasOwnProperty.call(data, key)) {
        continue;
      }
      if (/^lang[A-Z]/.test(key)) {
        lang[key.charAt(4).toLowerCase() + key.slice(5)] = data[key];
      } else if (key === "suggestions") {
        config.suggestions = data[key] ? data[key].split("|") : [];
      } else {
        config[key] = data[key];
      }
    }
    var global = window.CafWidgetConfig;
    if (global && typeof global === "object") {
      for (key in global) {
        if (!Object.prototype.hasOwnProperty.call(global, key)) {
          continue;
        }
        if (key === "lang" && global.lang && typeof global.lang === "object") {
          for (var l in global.lang) {
            if (Object.prototype.hasOwnProperty.call(global.lang, l)) {
              lang[l] = String(global.lang[l]);
            }
          }
        } else {
          config[key] = global[key];
        }
      }
    }
    config.lang = lang;
    config.serverUrl = String(config.serverUrl || "").replace(/\/+$/, "");
    config.sourcesBaseUrl = String(config.sourcesBaseUrl || "").replace(/\/+$/, "");
    config.historyLimit = positiveInt(config.historyLimit, DEFAULTS.historyLimit);
    config.historyHours = positiveInt(config.historyHours, DEFAULTS.historyHours);
    config.maxLength = positiveInt(config.maxLength, DEFAULTS.maxLength);
    config.requestTimeout = positiveInt(config.requestTimeout, DEFAULTS.requestTimeout);
    if (!Array.isArray(config.suggestions)) {
      config.suggestions = [];
    }
    config.suggestions = config.suggestions
      .map(function (s) { return String(s).trim(); })
      .filter(function (s) { return s.length > 0; })
      .slice(0, 6);
    if (!config.cssUrl && currentScript && currentScript.src) {
      config.cssUrl = currentScript.src.replace(/caf-widget(\.min)?\.js([?#].*)?$/, "caf-widget.css");
    }
    return config;
  }

  function positiveInt(value, fallback) {
    var n = parseInt(value, 10);
    return isFinite(n) && n > 0 ? n : fallback;
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  // ---------------------------------------------------------------- small helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function srOnly(text) {
    return el("span", "cafw-sr-only", text);
  }

  function safeHttpUrl(value, base) {
    try {
      var url = new URL(String(value), base || window.location.href);
      if (url.protocol === "http:" || url.protocol === "https:") {
        return url.href;
      }
    } catch (e) { /* adresse invalide */ }
    return null;
  }

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function asText(value) {
    if (value === null || value === undefined) {
      return "";
    }
    if (Array.isArray(value)) {
      return value.map(asText).filter(Boolean).join(" ; ");
    }
    if (typeof value === "object") {
      if (value.cite) {
        return asText(value.cite);
      }
      var parts = [];
      for (var k in value) {
        if (Object.prototype.hasOwnProperty.call(value, k) && value[k] !== null && typeof value[k] !== "object") {
          parts.push(String(value[k]));
        }
      }
      return parts.join(", ");
    }
    return String(value);
  }

  /** 2600 -> "2 600 €", 91.5 -> "91,50 €" (espaces insécables, comme les réponses du robot). */
  function formatNumber(value) {
    var n = Number(value);
    if (!isFinite(n)) {
      return String(value);
    }
    var negative = n < 0;
    n = Math.round(Math.abs(n) * 100) / 100;
    var whole = Math.floor(n);
    var cents = Math.round((n - whole) * 100);
    var digits = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    var text = cents ? digits + "," + ("0" + cents).slice(-2) : digits;
    return (negative ? "-" : "") + text;
  }

  function formatEur(value) {
    if (typeof value === "string" && !/^-?\d+(\.\d+)?$/.test(value.trim())) {
      return value; // déjà mis en forme par le serveur
    }
    return formatNumber(value) + NBSP + "€";
  }

  function isAmount(value) {
    return value !== null && value !== undefined && value !== "";
  }

  // ---------------------------------------------------------------- storage

  function Store(key, limit, hours) {
    this.key = key + ":v" + STORAGE_VERSION;
    this.limit = limit;
    this.maxAge = hours * 3600 * 1000;
  }

  Store.prototype.load = function (serverUrl) {
    var state = null;
    try {
      state = JSON.parse(window.localStorage.getItem(this.key) || "null");
    } catch (e) {
      state = null;
    }
    if (!state || typeof state !== "object" || state.serverUrl !== serverUrl ||
        typeof state.senderId !== "string" || !Array.isArray(state.messages) ||
        typeof state.savedAt !== "number" || Date.now() - state.savedAt > this.maxAge) {
      this.clear(); // expired (or unreadable): nothing of it is kept
      return this.fresh(serverUrl);
    }
    state.messages = state.messages.filter(validEntry).slice(-this.limit);
    state.open = state.open === true;
    state.draft = typeof state.draft === "string" ? state.draft : "";
    state.personalNext = state.personalNext === true;
    return state;
  };

  Store.prototype.fresh = function (serverUrl) {
    return { serverUrl: serverUrl, senderId: randomId(), messages: [], open: false, draft: "" };
  };

  Store.prototype.clear = function () {
    try {
      window.localStorage.removeItem(this.key);
    } catch (e) { /* stockage interdit : rien à effacer */ }
  };

  /** What is written to the browser: never what was typed for the hand-off (name, e-mail, phone). */
  Store.prototype.stored = function (state, messages) {
    return {
      serverUrl: state.serverUrl, senderId: state.senderId, open: state.open, savedAt: Date.now(),
      personalNext: state.personalNext === true,
      draft: state.personalNext ? "" : state.draft,
      messages: messages.filter(function (m) { return !m.personal; })
    };
  };

  Store.prototype.save = function (state) {
    state.messages = state.messages.slice(-this.limit);
    try {
      window.localStorage.setItem(this.key, JSON.stringify(this.stored(state, state.messages)));
    } catch (e) {
      // stockage plein ou interdit : la conversation continue en mémoire
      try {
        var fewer = state.messages.slice(-Math.ceil(this.limit / 3));
        window.localStorage.setItem(this.key, JSON.stringify(this.stored(state, fewer)));
      } catch (e2) { /* tant pis */ }
    }
  };

  function validEntry(entry) {
    if (!entry || typeof entry !== "object") {
      return false;
    }
    if (entry.from === "user") {
      return typeof entry.text === "string";
    }
    return entry.from === "bot";
  }

  /** Keeps only what the widget knows how to show from one Rasa REST message. */
  function cleanBotMessage(message) {
    if (!message || typeof message !== "object") {
      return null;
    }
    var entry = { from: "bot" };
    var useful = false;
    if (typeof message.text === "string" && message.text.trim()) {
      entry.text = message.text;
      useful = true;
    }
    if (Array.isArray(message.buttons)) {
      var buttons = message.buttons
        .filter(function (b) { return b && (typeof b.title === "string" || typeof b.payload === "string"); })
        .map(function (b) {
          var title = String(b.title || b.payload);
          return { title: title, payload: String(b.payload || title) };
        });
      if (buttons.length) {
        entry.buttons = buttons;
        useful = true;
      }
    }
    var custom = message.custom;
    if (custom && typeof custom === "object" && custom.type === "personal_data") {
      return { from: "bot", personalRequest: true }; // the next answer is personal: never stored
    }
    if (custom && typeof custom === "object" &&
        (custom.type === "sources" || custom.type === "estimate" || custom.type === "handoff")) {
      entry.custom = custom;
      useful = true;
    }
    return useful ? entry : null;
  }

  // ---------------------------------------------------------------- the widget

  function Widget(config) {
    this.config = config;
    this.lang = config.lang;
    this.store = new Store(config.storageKey, config.historyLimit, config.historyHours);
    this.state = this.store.load(config.serverUrl);
    this.busy = false;
    this.failed = false;
    this.uid = "cafw-" + Math.random().toString(36).slice(2, 8);
  }

  Widget.prototype.t = function (key, values) {
    var text = Object.prototype.hasOwnProperty.call(this.lang, key) ? this.lang[key] : key;
    return values ? format(text, values) : text;
  };

  Widget.prototype.mount = function () {
    var self = this;
    var L = this.lang;
    var root = el("div", "cafw-root");
    root.setAttribute("lang", "fr");
    root.setAttribute("data-cafw-position", this.config.position === "left" ? "left" : "right");
    root.style.visibility = "hidden"; // jusqu'au chargement de la feuille de style
    applyColors(root, this.config.primaryColor);
    this.root = root;

    var launcher = el("button", "cafw-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", this.uid + "-panel");
    launcher.appendChild(chatIcon());
    launcher.appendChild(el("span", "cafw-launcher-text", L.launcher));
    launcher.addEventListener("click", function () { self.toggle(true); });
    this.launcher = launcher;

    var panel = el("div", "cafw-panel");
    panel.id = this.uid + "-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", this.uid + "-title");
    panel.hidden = true;
    root.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && !self.panel.hidden) {
        event.preventDefault();
        event.stopPropagation();
        self.close(true);
      } else if (event.key === "Tab" && !self.panel.hidden && self.isFullScreen()) {
        self.keepFocusInside(event); // panneau plein écran (téléphone) : le focus ne passe pas derrière
      }
    });
    this.panel = panel;

    var header = el("div", "cafw-header");
    var title = el("h2", "cafw-title", this.config.title);
    title.id = this.uid + "-title";
    header.appendChild(title);
    var resetButton = el("button", "cafw-header-button cafw-reset", L.reset);
    resetButton.type = "button";
    resetButton.addEventListener("click", function () { self.reset(); });
    header.appendChild(resetButton);
    var closeButton = el("button", "cafw-header-button cafw-close");
    closeButton.type = "button";
    closeButton.setAttribute("aria-label", L.close);
    closeButton.title = L.close;
    closeButton.appendChild(closeIcon());
    closeButton.addEventListener("click", function () { self.close(true); });
    header.appendChild(closeButton);
    panel.appendChild(header);

    panel.appendChild(el("p", "cafw-notice", L.notice));

    var log = el("div", "cafw-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    log.setAttribute("aria-label", L.logLabel);
    log.tabIndex = 0; // zone défilante atteignable au clavier
    this.log = log;
    panel.appendChild(log);

    var typing = el("div", "cafw-typing");
    typing.setAttribute("role", "status");
    this.typing = typing;
    panel.appendChild(typing);

    var error = el("div", "cafw-error");
    error.setAttribute("role", "alert");
    this.error = error;
    panel.appendChild(error);

    var form = el("form", "cafw-form");
    form.setAttribute("novalidate", "");
    var label = el("label", "cafw-sr-only", L.inputLabel);
    label.htmlFor = this.uid + "-input";
    var input = el("textarea", "cafw-input");
    input.id = this.uid + "-input";
    input.name = "message";
    input.rows = 1;
    input.maxLength = this.config.maxLength;
    input.placeholder = L.placeholder;
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-describedby", this.uid + "-limit");
    input.value = this.state.draft || "";
    var send = el("button", "cafw-send");
    send.type = "submit";
    send.appendChild(el("span", "cafw-send-text", L.send));
    var row = el("div", "cafw-form-row");
    row.appendChild(input);
    row.appendChild(send);
    var meta = el("div", "cafw-form-meta");
    var limit = el("span", "cafw-sr-only", this.t("limit", { max: this.config.maxLength }));
    limit.id = this.uid + "-limit";
    var counter = el("span", "cafw-counter");
    counter.setAttribute("aria-hidden", "true");
    var formMessage = el("span", "cafw-form-message");
    formMessage.setAttribute("role", "status");
    meta.appendChild(formMessage);
    meta.appendChild(counter);
    meta.appendChild(limit);
    form.appendChild(label);
    form.appendChild(row);
    form.appendChild(meta);
    panel.appendChild(form);
    this.form = form;
    this.input = input;
    this.counter = counter;
    this.formMessage = formMessage;

    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        self.submit();
      }
    });
    input.addEventListener("input", function () {
      self.updateCounter();
      self.autosize();
      self.state.draft = input.value;
      self.saveSoon();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });

    root.appendChild(panel);
    root.appendChild(launcher);
    document.body.appendChild(root);

    this.loadStyles(function () { root.style.visibility = ""; });
    var interrupted = false;
    this.state.messages.forEach(function (m) {
      if (m.from === "user" && m.status === "pending") {
        m.status = "unsent"; // la page a changé pendant l'envoi : la réponse est perdue
        interrupted = true;
      }
    });
    this.renderAll();
    this.updateCounter();
    if (this.pending().length) {
      this.showError(interrupted ? "interrupted" : "error");
    }
    if (this.state.open) {
      this.open(false); // rouvre sans déplacer le focus au chargement de la page
    }
    window.addEventListener("storage", function (event) {
      if (event.key === self.store.key && !self.busy) {
        self.state = self.store.load(self.config.serverUrl);
        self.renderAll();
      }
    });
  };

  Widget.prototype.loadStyles = function (done) {
    var finished = false;
    function finish() {
      if (!finished) {
        finished = true;
        done();
      }
    }
    var url = this.config.cssUrl;
    if (!url || url === "none" || document.querySelector("link[data-cafw-style]")) {
      finish();
      return;
    }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url;
    link.setAttribute("data-cafw-style", "");
    link.onload = finish;
    link.onerror = finish;
    (document.head || document.documentElement).appendChild(link);
    window.setTimeout(finish, 3000);
  };

  Widget.prototype.saveSoon = function () {
    var self = this;
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(function () { self.store.save(self.state); }, 300);
  };

  Widget.prototype.save = function () {
    window.clearTimeout(this.saveTimer);
    this.store.save(this.state);
  };

  // ---------------------------------------------------------------- open / close

  Widget.prototype.open = function (moveFocus) {
    this.panel.hidden = false;
    this.root.classList.add("cafw-is-open");
    this.launcher.setAttribute("aria-expanded", "true");
    this.state.open = true;
    this.save();
    this.scrollToBottom();
    this.autosize();
    if (moveFocus) {
      this.input.focus();
    }
  };

  Widget.prototype.close = function (returnFocus) {
    this.panel.hidden = true;
    this.root.classList.remove("cafw-is-open");
    this.launcher.setAttribute("aria-expanded", "false");
    this.state.open = false;
    this.save();
    if (returnFocus) {
      this.launcher.focus();
    }
  };

  Widget.prototype.isFullScreen = function () {
    var rect = this.panel.getBoundingClientRect();
    return rect.width >= window.innerWidth - 1 && rect.height >= window.innerHeight - 1;
  };

  Widget.prototype.keepFocusInside = function (event) {
    var focusable = Array.prototype.filter.call(
      this.panel.querySelectorAll("button, a[href], textarea, input, [tabindex]:not([tabindex='-1'])"),
      function (node) { return !node.disabled && node.getClientRects().length > 0; });
    if (!focusable.length) {
      return;
    }
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    if (event.shiftKey && (document.activeElement === first || !this.panel.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  Widget.prototype.toggle = function (moveFocus) {
    if (this.panel.hidden) {
      this.open(moveFocus);
    } else {
      this.close(moveFocus);
    }
  };

  Widget.prototype.reset = function () {
    this.store.clear();
    this.state = this.store.fresh(this.config.serverUrl);
    this.state.open = true;
    this.failed = false;
    this.busy = false;
    this.input.value = "";
    this.save();
    this.renderAll();
    this.hideError();
    this.setTyping(false);
    this.updateCounter();
    this.formMessage.textContent = this.t("resetDone");
    this.input.focus();
  };

  // ---------------------------------------------------------------- rendering

  Widget.prototype.renderAll = function () {
    var log = this.log;
    log.setAttribute("aria-live", "off"); // ne pas relire tout l'historique
    while (log.firstChild) {
      log.removeChild(log.firstChild);
    }
    log.appendChild(this.renderBotBubble({ from: "bot", text: this.lang.greeting }, "cafw-greeting"));
    var messages = this.state.messages;
    for (var i = 0; i < messages.length; i++) {
      log.appendChild(this.renderEntry(messages[i]));
    }
    this.refreshChoices();
    this.scrollToBottom();
    window.setTimeout(function () { log.setAttribute("aria-live", "polite"); }, 0);
  };

  Widget.prototype.renderEntry = function (entry) {
    if (entry.from === "user") {
      var bubble = el("div", "cafw-msg cafw-msg--user");
      bubble.appendChild(srOnly(this.lang.you + " "));
      bubble.appendChild(el("span", "cafw-msg-text", entry.text));
      if (entry.status === "unsent") {
        bubble.classList.add("cafw-msg--unsent");
        bubble.appendChild(el("span", "cafw-msg-status", this.lang.unsent));
      }
      bubble.setAttribute("data-cafw-id", entry.id || "");
      return bubble;
    }
    return this.renderBotBubble(entry);
  };

  Widget.prototype.renderBotBubble = function (entry, extraClass) {
    var bubble = el("div", "cafw-msg cafw-msg--bot" + (extraClass ? " " + extraClass : ""));
    bubble.appendChild(srOnly(this.lang.bot + " "));
    if (entry.text) {
      var text = el("div", "cafw-msg-text");
      appendRichText(text, entry.text, this.lang.newWindow);
      bubble.appendChild(text);
    }
    if (entry.custom) {
      var custom = entry.custom;
      try {
        if (custom.type === "sources") {
          bubble.classList.add("cafw-msg--sources");
          bubble.appendChild(this.renderSources(custom.sources));
        } else if (custom.type === "estimate") {
          bubble.classList.add("cafw-msg--estimate");
          bubble.appendChild(this.renderEstimate(custom.breakdown || {}));
        } else if (custom.type === "handoff") {
          bubble.classList.add("cafw-msg--handoff");
          bubble.appendChild(this.renderHandoff(custom));
        }
      } catch (e) {
        // un message mal formé ne doit pas casser la conversation
      }
    }
    if (entry.buttons) {
      bubble.setAttribute("data-cafw-buttons", "");
      bubble.appendChild(this.renderChoices(entry.buttons, this.lang.quickRepliesLabel, "cafw-quick"));
    }
    return bubble;
  };

  Widget.prototype.renderChoices = function (choices, label, className) {
    var self = this;
    var group = el("div", "cafw-choices " + className);
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label);
    choices.forEach(function (choice) {
      var button = el("button", "cafw-choice", choice.title);
      button.type = "button";
      button.addEventListener("click", function () {
        self.send(choice.payload, choice.title);
        self.input.focus();
      });
      group.appendChild(button);
    });
    return group;
  };

  /** Quick replies are usable only until the user says something else; starter suggestions only at the start. */
  Widget.prototype.refreshChoices = function () {
    var bubbles = this.log.querySelectorAll(".cafw-msg");
    var lastUser = -1;
    for (var i = 0; i < bubbles.length; i++) {
      if (bubbles[i].classList.contains("cafw-msg--user")) {
        lastUser = i;
      }
    }
    for (var b = 0; b < lastUser; b++) {
      var group = bubbles[b].querySelector(".cafw-quick");
      if (group) {
        group.parentNode.removeChild(group);
      }
    }
    var suggestions = this.log.querySelector(".cafw-suggestions");
    if (lastUser >= 0 || this.busy) {
      if (suggestions) {
        suggestions.parentNode.removeChild(suggestions);
      }
    } else if (!suggestions && this.config.suggestions.length) {
      var greeting = this.log.querySelector(".cafw-greeting");
      var list = this.config.suggestions.map(function (s) { return { title: s, payload: s }; });
      greeting.appendChild(this.renderChoices(list, this.lang.suggestionsLabel, "cafw-suggestions"));
    }
  };

  Widget.prototype.renderSources = function (sources) {
    var L = this.lang;
    var box = el("div", "cafw-sources");
    var list = el("ul", "cafw-source-list");
    (Array.isArray(sources) ? sources : []).forEach(function (source) {
      if (!source || typeof source !== "object") {
        return;
      }
      var item = el("li", "cafw-source");
      item.appendChild(el("span", "cafw-source-prefix", (source.history ? L.historySource + " — " : "") + L.sourcePrefix + " "));
      var title = asText(source.title || source.sheet_id || "");
      var href = null;
      if (source.sheet_id && this.config.sourcesBaseUrl) {
        href = safeHttpUrl(this.config.sourcesBaseUrl + "/" + encodeURIComponent(String(source.sheet_id)) + ".html" +
                           (source.section ? "#" + slugify(asText(source.section)) : ""));
      }
      if (href) {
        var link = el("a", "cafw-link cafw-source-link", title);
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.appendChild(srOnly(" " + L.newWindow));
        item.appendChild(link);
      } else {
        item.appendChild(el("cite", "cafw-source-title", title));
      }
      var details = [];
      if (source.publisher) {
        details.push(asText(source.publisher));
      }
      if (source.edition) {
        details.push(L.edition + " " + asText(source.edition));
      }
      var tail = details.length ? " — " + details.join(", ") : "";
      if (source.section) {
        tail += " (" + asText(source.section) + ")";
      }
      if (tail) {
        item.appendChild(document.createTextNode(tail));
      }
      list.appendChild(item);
    }, this);
    box.appendChild(list);
    return box;
  };

  Widget.prototype.amountText = function (item, minKey, maxKey, exactKey) {
    var L = this.lang;
    if (isAmount(item[exactKey])) {
      return formatEur(item[exactKey]);
    }
    var hasMin = isAmount(item[minKey]);
    var hasMax = isAmount(item[maxKey]);
    if (hasMin && hasMax) {
      if (Number(item[minKey]) === Number(item[maxKey])) {
        return formatEur(item[maxKey]);
      }
      return L.from + " " + formatEur(item[minKey]) + " " + L.to + " " + formatEur(item[maxKey]);
    }
    if (hasMax) {
      return L.upTo + " " + formatEur(item[maxKey]);
    }
    if (hasMin) {
      return formatEur(item[minKey]);
    }
    return "—";
  };

  Widget.prototype.renderEstimate = function (breakdown) {
    var L = this.lang;
    var self = this;
    var box = el("div", "cafw-estimate");
    var table = el("table", "cafw-table");
    if (breakdown.title) {
      table.appendChild(el("caption", "cafw-table-caption", asText(breakdown.title)));
    }
    var head = el("thead");
    var headRow = el("tr");
    var h1 = el("th", null, L.estimateItem);
    h1.scope = "col";
    var h2 = el("th", "cafw-amount", L.estimateAmount);
    h2.scope = "col";
    headRow.appendChild(h1);
    headRow.appendChild(h2);
    head.appendChild(headRow);
    table.appendChild(head);
    var body = el("tbody");
    (Array.isArray(breakdown.lines) ? breakdown.lines : []).forEach(function (line) {
      if (!line || typeof line !== "object") {
        return;
      }
      var row = el("tr");
      var label = el("th", "cafw-line-label", asText(line.label));
      label.scope = "row";
      var details = [];
      if (line.formula) {
        details.push(L.formula + " : " + asText(line.formula));
      }
      if (line.parameter || line.parameters) {
        details.push(L.parameter + " : " + asText(line.parameter || line.parameters));
      }
      if (line.reference || line.references) {
        details.push(L.reference + " : " + asText(line.reference || line.references));
      }
      if (line.counted === false) {
        details.push(L.notCounted);
      }
      details.forEach(function (d) { label.appendChild(el("span", "cafw-line-detail", d)); });
      var amount = self.amountText(line, "min", "max", "amount");
      if (line.per_year) {
        amount += " " + L.perYear;
      }
      row.appendChild(label);
      row.appendChild(el("td", "cafw-amount", amount));
      body.appendChild(row);
    });
    table.appendChild(body);
    var total = this.amountText(breakdown, "total_min", "total_max", "total");
    if (total !== "—") {
      var foot = el("tfoot");
      var totalRow = el("tr");
      var totalLabel = el("th", null, L.estimateTotal);
      totalLabel.scope = "row";
      totalRow.appendChild(totalLabel);
      totalRow.appendChild(el("td", "cafw-amount", total + (breakdown.per_year ? " " + L.perYear : "")));
      foot.appendChild(totalRow);
      table.appendChild(foot);
    }
    var scroller = el("div", "cafw-table-wrap");
    scroller.appendChild(table);
    box.appendChild(scroller);
    var ceilings = Array.isArray(breakdown.ceilings) ? breakdown.ceilings : [];
    if (ceilings.length) {
      var list = el("ul", "cafw-ceilings");
      ceilings.forEach(function (ceiling) {
        if (!ceiling || typeof ceiling !== "object") {
          return;
        }
        var text = L.ceiling + " : " + asText(ceiling.label);
        var value = self.amountText(ceiling, "min", "max", "amount");
        if (value !== "—") {
          text += " — " + value;
        }
        text += " (" + (ceiling.binds ? L.ceilingApplied : L.ceilingNotApplied) + ")";
        var item = el("li", ceiling.binds ? "cafw-ceiling cafw-ceiling--binds" : "cafw-ceiling", text);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (breakdown.caveat) {
      box.appendChild(el("p", "cafw-caveat", asText(breakdown.caveat)));
    }
    if (breakdown.rules_date) {
      box.appendChild(el("p", "cafw-rules-date", this.t("rulesDate", { date: frenchDate(breakdown.rules_date) })));
    }
    return box;
  };

  Widget.prototype.renderHandoff = function (custom) {
    var box = el("div", "cafw-handoff");
    box.appendChild(el("p", "cafw-handoff-title", this.lang.handoff));
    if (custom.ticket_id) {
      box.appendChild(el("p", "cafw-handoff-detail", this.t("handoffTicket", { ticket: asText(custom.ticket_id) })));
    }
    if (custom.status) {
      var raw = asText(custom.status);
      var key = "status" + raw.charAt(0).toUpperCase() + raw.slice(1).toLowerCase();
      var label = Object.prototype.hasOwnProperty.call(this.lang, key) ? this.lang[key] : raw;
      box.appendChild(el("p", "cafw-handoff-detail", this.t("handoffStatus", { status: label })));
    }
    return box;
  };

  /** Same anchors as the demo server's sheet pages (caf_assistant/web/sheets_html.slugify). */
  function slugify(text) {
    var ascii = String(text).normalize ? String(text).normalize("NFKD") : String(text);
    ascii = ascii.replace(/[^\x00-\x7f]/g, "").toLowerCase();
    return ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "section";
  }

  function frenchDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
    return match ? match[3] + "/" + match[2] + "/" + match[1] : String(value);
  }

  /** Plain text with newlines; http(s) URLs become links built element by element (never innerHTML). */
  function appendRichText(container, text, newWindowText) {
    var lines = String(text).split(/\r\n|\r|\n/);
    lines.forEach(function (line, index) {
      if (index > 0) {
        container.appendChild(document.createElement("br"));
      }
      var pattern = /https?:\/\/[^\s<>"'«»]+/gi;
      var last = 0;
      var match;
      while ((match = pattern.exec(line)) !== null) {
        var url = match[0].replace(/[.,;:!?)\]]+$/, "");
        var href = safeHttpUrl(url);
        if (!href || !url) {
          continue;
        }
        if (match.index > last) {
          container.appendChild(document.createTextNode(line.slice(last, match.index)));
        }
        var link = el("a", "cafw-link", url);
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.appendChild(srOnly(" " + newWindowText));
        container.appendChild(link);
        last = match.index + url.length;
        pattern.lastIndex = last;
      }
      if (last < line.length) {
        container.appendChild(document.createTextNode(line.slice(last)));
      }
    });
  }

  Widget.prototype.appendEntries = function (entries) {
    var first = null;
    for (var i = 0; i < entries.length; i++) {
      var node = this.renderEntry(entries[i]);
      this.log.appendChild(node);
      first = first || node;
    }
    this.refreshChoices();
    if (first && entries[0].from === "bot") {
      this.revealFrom(first);
    } else {
      this.scrollToBottom();
    }
  };

  Widget.prototype.scrollToBottom = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  /** Shows the start of a long answer rather than its end. */
  Widget.prototype.revealFrom = function (node) {
    var log = this.log;
    var top = node.offsetTop - log.offsetTop - 8;
    var bottom = log.scrollHeight - log.clientHeight;
    log.scrollTop = Math.min(Math.max(top, 0), Math.max(bottom, 0));
  };

  Widget.prototype.updateCounter = function () {
    var count = this.input.value.length;
    var max = this.config.maxLength;
    this.counter.textContent = this.t("counter", { count: count, max: max });
    this.counter.classList.toggle("cafw-counter--near", count >= max * 0.9);
    if (count >= max) {
      this.formMessage.textContent = this.t("limit", { max: max });
    } else if (this.formMessage.textContent === this.t("limit", { max: max })) {
      this.formMessage.textContent = "";
    }
  };

  Widget.prototype.autosize = function () {
    var input = this.input;
    if (this.panel.hidden) {
      return;
    }
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 140) + "px";
  };

  Widget.prototype.setTyping = function (on) {
    this.typing.textContent = "";
    this.typing.classList.toggle("cafw-typing--on", !!on);
    if (on) {
      this.typing.appendChild(el("span", "cafw-dots")).setAttribute("aria-hidden", "true");
      this.typing.appendChild(el("span", "cafw-typing-text", this.lang.typing));
    }
  };

  Widget.prototype.showError = function (kind) {
    var self = this;
    this.failed = true;
    this.error.textContent = "";
    this.error.classList.add("cafw-error--on");
    this.error.appendChild(el("p", "cafw-error-text", this.lang[kind || "error"] || this.lang.error));
    var retry = el("button", "cafw-retry", this.lang.retry);
    retry.type = "button";
    retry.addEventListener("click", function () { self.retry(); });
    this.error.appendChild(retry);
  };

  Widget.prototype.hideError = function () {
    this.failed = false;
    this.error.textContent = "";
    this.error.classList.remove("cafw-error--on");
  };

  // ---------------------------------------------------------------- conversation

  Widget.prototype.submit = function () {
    var text = this.input.value;
    var max = this.config.maxLength;
    if (!text.trim()) {
      this.input.focus();
      return;
    }
    if (text.length > max) {
      this.formMessage.textContent = this.t("tooLong", { max: max });
      return;
    }
    if (this.busy) {
      this.formMessage.textContent = this.lang.busy;
      return;
    }
    this.input.value = "";
    this.state.draft = "";
    this.updateCounter();
    this.autosize();
    this.formMessage.textContent = "";
    this.send(text.trim());
  };

  /** Shows `display` (or `message`) as the user's message and sends `message` to Rasa. */
  Widget.prototype.send = function (message, display) {
    if (this.busy) {
      this.formMessage.textContent = this.lang.busy;
      return;
    }
    var entry = { from: "user", id: randomId(), text: String(display || message), payload: String(message), status: "pending" };
    if (this.state.personalNext) {
      entry.personal = true; // shown, sent, never written to the browser's storage
      this.state.personalNext = false;
    }
    this.state.messages.push(entry);
    this.save();
    this.appendEntries([entry]);
    if (this.failed) {
      this.markUnsent();
      return; // attend « Réessayer », qui enverra aussi ce message
    }
    this.flush();
  };

  Widget.prototype.pending = function () {
    return this.state.messages.filter(function (m) {
      return m.from === "user" && (m.status === "pending" || m.status === "unsent");
    });
  };

  Widget.prototype.markUnsent = function () {
    var self = this;
    this.pending().forEach(function (entry) {
      entry.status = "unsent";
      var node = self.log.querySelector('[data-cafw-id="' + cssEscape(entry.id || "") + '"]');
      if (node && !node.querySelector(".cafw-msg-status")) {
        node.classList.add("cafw-msg--unsent");
        node.appendChild(el("span", "cafw-msg-status", self.lang.unsent));
      }
    });
    this.save();
  };

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/[^\w-]/g, "");
  }

  Widget.prototype.flush = function () {
    var self = this;
    var queue = this.pending();
    if (this.busy || !queue.length) {
      return;
    }
    var entry = queue[0];
    var state = this.state;
    this.busy = true;
    this.setTyping(true);
    this.refreshChoices();
    this.post(entry.payload || entry.text).then(function (replies) {
      if (self.state !== state) {
        return; // « Nouvelle conversation » pendant l'attente : réponse de l'ancienne conversation
      }
      self.busy = false;
      self.setTyping(false);
      entry.status = "sent";
      var node = self.log.querySelector('[data-cafw-id="' + cssEscape(entry.id || "") + '"]');
      if (node) {
        node.classList.remove("cafw-msg--unsent");
        var status = node.querySelector(".cafw-msg-status");
        if (status) {
          status.parentNode.removeChild(status);
        }
      }
      var entries = (Array.isArray(replies) ? replies : []).map(cleanBotMessage).filter(Boolean);
      self.state.personalNext = entries.some(function (e) { return e.personalRequest; });
      entries = entries.filter(function (e) { return !e.personalRequest; });
      entries.forEach(function (e) { self.state.messages.push(e); });
      self.save();
      self.appendEntries(entries);
      self.flush();
    }, function () {
      if (self.state !== state) {
        return;
      }
      self.busy = false;
      self.setTyping(false);
      self.markUnsent();
      self.showError();
    });
  };

  Widget.prototype.retry = function () {
    var self = this;
    if (this.busy) {
      return;
    }
    var hadFocus = this.error.contains(document.activeElement);
    this.hideError();
    if (hadFocus) {
      this.input.focus(); // le bouton « Réessayer » disparaît pendant la tentative
    }
    this.busy = true;
    this.typing.textContent = this.lang.retrying;
    this.ping(3).then(function () {
      self.busy = false;
      self.typing.textContent = "";
      self.pending().forEach(function (m) { m.status = "pending"; });
      self.flush();
    }, function () {
      self.busy = false;
      self.typing.textContent = "";
      self.showError();
      if (hadFocus) {
        self.error.querySelector(".cafw-retry").focus();
      }
    });
  };

  /** Reachability check: GET {serverUrl}/ answers "Hello from Rasa" when the server is up. */
  Widget.prototype.ping = function (attempts) {
    var self = this;
    return request(this.config.serverUrl + "/", { method: "GET" }, 5000).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return true;
    }).catch(function (error) {
      if (attempts <= 1) {
        throw error;
      }
      return wait(1000).then(function () { return self.ping(attempts - 1); });
    });
  };

  Widget.prototype.post = function (message) {
    if (!this.config.serverUrl) {
      return Promise.reject(new Error("serverUrl manquant"));
    }
    var body = JSON.stringify({ sender: this.state.senderId, message: message });
    return request(this.config.serverUrl + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: body
    }, this.config.requestTimeout).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  };

  function request(url, options, timeout) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = null;
    if (controller) {
      options.signal = controller.signal;
      timer = window.setTimeout(function () { controller.abort(); }, timeout);
    }
    options.credentials = "omit";
    options.cache = "no-store";
    return window.fetch(url, options).then(function (response) {
      window.clearTimeout(timer);
      return response;
    }, function (error) {
      window.clearTimeout(timer);
      throw error;
    });
  }

  function wait(ms) {
    return new Promise(function (resolve) { window.setTimeout(resolve, ms); });
  }

  // ---------------------------------------------------------------- colours and icons

  function parseColor(value) {
    var probe = document.createElement("span");
    probe.style.color = "";
    probe.style.color = String(value || "");
    if (!probe.style.color) {
      return null;
    }
    probe.style.display = "none";
    document.body.appendChild(probe);
    var computed = window.getComputedStyle(probe).color;
    document.body.removeChild(probe);
    var m = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(computed);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a);
    var lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** Partner colour for the header/launcher; text colour chosen for ≥ 4.5:1 contrast. */
  function applyColors(root, color) {
    var rgb = parseColor(color) || parseColor(DEFAULTS.primaryColor);
    var white = [255, 255, 255];
    var dark = [17, 17, 17];
    var onPrimary = contrast(rgb, white) >= contrast(rgb, dark) ? "#ffffff" : "#111111";
    var css = "rgb(" + rgb.join(",") + ")";
    // couleur d'accent sur fond blanc (liens, bordures) : la couleur du partenaire si assez contrastée
    var accent = contrast(rgb, white) >= 4.5 ? css : "#0b4ea2";
    root.style.setProperty("--cafw-primary", css);
    root.style.setProperty("--cafw-on-primary", onPrimary);
    root.style.setProperty("--cafw-accent", accent);
  }

  var SVG_NS = "http://www.w3.org/2000/svg";

  function svgIcon(className, paths) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", className);
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    paths.forEach(function (d) {
      var path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  function chatIcon() {
    return svgIcon("cafw-icon cafw-icon-chat", [
      "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
    ]);
  }

  function closeIcon() {
    return svgIcon("cafw-icon cafw-icon-close", ["M6 6l12 12M18 6L6 18"]);
  }

  // ---------------------------------------------------------------- start

  function start() {
    var widget = new Widget(readConfig());
    widget.mount();
    window.CafWidget = {
      version: VERSION,
      open: function () { widget.open(true); },
      close: function () { widget.close(true); },
      reset: function () { widget.reset(); },
      _widget: widget
    };
  }

  window.CafWidget = { version: VERSION };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
