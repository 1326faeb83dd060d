/*
 * The token page: sign in with a TrueConf login and password, get a Chatbot Connector token from
 * this same server, show it, copy it, download it as <login>.toml for the administrator.
 *
 * The password is only sent to the token endpoint and cleared from the form right after; the token
 * lives only in this page's memory and in the text box (never in the URL or in browser storage).
 */
(function () {
  "use strict";

  var TOKEN_URL = "/bridge/api/client/v1/oauth/token";
  var REQUEST_TIMEOUT_MS = 20000;
  var LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]", "::1"];
  var FILE_COMMENT =
    "# TrueConf Chatbot Connector token — give this file to your administrator. / " +
    "Токен TrueConf Chatbot Connector — передайте этот файл администратору.";

  // Leave plain HTTP before anyone types a password; loopback stays (tests with the emulator).
  if (
    window.location.protocol === "http:" &&
    LOOPBACK_HOSTS.indexOf(window.location.hostname) === -1
  ) {
    window.location.replace(
      "https://" + window.location.hostname + window.location.pathname + window.location.search
    );
    return;
  }

  // Inside another site's frame, a click or a typed password could be stolen (clickjacking), and
  // a <meta> CSP cannot forbid framing: refuse to run, show only how to open the page directly.
  var framed;
  try {
    framed = window.top !== window.self;
  } catch (error) {
    framed = true;
  }
  if (framed) {
    document.documentElement.classList.add("framed");
    return;
  }

  var MESSAGES = {
    en: {
      show: "Show",
      hide: "Hide",
      showLabel: "Show password",
      hideLabel: "Hide password",
      busy: "Signing in…",
      needLogin: "Enter your TrueConf login.",
      needPassword: "Enter your password.",
      wrongPasswordTitle: "Wrong login or password.",
      wrongPassword: "Check the keyboard layout and Caps Lock, and try again.",
      disabledTitle: "Sign-in with a password is turned off on this server.",
      disabled:
        "Ask your administrator to allow password sign-in for the Chatbot Connector, " +
        "or to give you a token another way.",
      unreachableTitle: "The server cannot be reached.",
      unreachable:
        "Check your network connection and that this page is opened on the TrueConf Server " +
        "address, then try again.",
      timeoutTitle: "The server did not answer in time.",
      timeout: "Try again in a minute. If it keeps happening, tell your administrator.",
      notFoundTitle: "This server does not issue chatbot tokens.",
      notFound:
        "Open this page on TrueConf Server 5.5 or later (ask your administrator for the address).",
      serverErrorTitle: "The server could not issue a token",
      serverError: "Try again later or tell your administrator.",
      noTokenTitle: "The server answered without a token.",
      noToken: "Tell your administrator: the token endpoint returned an unexpected answer.",
      copied: "Token copied to the clipboard.",
      copyFailed: "Could not copy automatically: the token is selected, press Ctrl+C (⌘C).",
      downloaded: "File {file} saved. Send it to your administrator.",
      expires: "Valid until {date} (your local time).",
      expiresUnknown: "The server did not say when the token expires.",
    },
    ru: {
      show: "Показать",
      hide: "Скрыть",
      showLabel: "Показать пароль",
      hideLabel: "Скрыть пароль",
      busy: "Вход…",
      needLogin: "Введите логин TrueConf.",
      needPassword: "Введите пароль.",
      wrongPasswordTitle: "Неверный логин или пароль.",
      wrongPassword: "Проверьте раскладку клавиатуры и Caps Lock и попробуйте ещё раз.",
      disabledTitle: "На этом сервере отключён вход по паролю.",
      disabled:
        "Попросите администратора разрешить вход по паролю для Chatbot Connector " +
        "или выдать вам токен другим способом.",
      unreachableTitle: "Сервер недоступен.",
      unreachable:
        "Проверьте подключение к сети и что страница открыта по адресу TrueConf Server, " +
        "затем попробуйте ещё раз.",
      timeoutTitle: "Сервер не ответил вовремя.",
      timeout: "Попробуйте ещё раз через минуту. Если ошибка повторяется, сообщите администратору.",
      notFoundTitle: "Этот сервер не выдаёт токены для чат-ботов.",
      notFound:
        "Откройте страницу на TrueConf Server 5.5 или новее (адрес подскажет администратор).",
      serverErrorTitle: "Сервер не смог выдать токен",
      serverError: "Попробуйте позже или сообщите администратору.",
      noTokenTitle: "Сервер ответил без токена.",
      noToken: "Сообщите администратору: сервер вернул неожиданный ответ.",
      copied: "Токен скопирован в буфер обмена.",
      copyFailed: "Не удалось скопировать автоматически: токен выделен, нажмите Ctrl+C (⌘C).",
      downloaded: "Файл {file} сохранён. Отправьте его администратору.",
      expires: "Действует до {date} (по вашему времени).",
      expiresUnknown: "Сервер не сообщил срок действия токена.",
    },
  };

  var lang = (document.documentElement.lang || "en").slice(0, 2).toLowerCase();
  var text = MESSAGES[lang] || MESSAGES.en;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  // The login without "@server", which the token endpoint does not accept.
  function normalizeLogin(value) {
    var login = value.trim();
    var at = login.indexOf("@");
    return at > 0 ? login.slice(0, at) : login;
  }

  function decodeClaims(token) {
    var parts = token.split(".");
    if (parts.length !== 3) return null;
    try {
      var b64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
      while (b64.length % 4) b64 += "=";
      var bytes = atob(b64);
      var utf8 = decodeURIComponent(
        Array.prototype.map
          .call(bytes, function (c) {
            return "%" + ("00" + c.charCodeAt(0).toString(16)).slice(-2);
          })
          .join("")
      );
      var claims = JSON.parse(utf8);
      return claims && typeof claims === "object" ? claims : null;
    } catch (e) {
      return null;
    }
  }

  // Expiry in Unix seconds: the token's exp claim, else what the response said.
  function expirySeconds(token, body) {
    var claims = decodeClaims(token);
    if (claims && typeof claims.exp === "number") return claims.exp;
    if (typeof body.expires_at === "number") return body.expires_at;
    if (typeof body.expires_in === "number") return Math.floor(Date.now() / 1000) + body.expires_in;
    return null;
  }

  function isoUtc(seconds) {
    return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function tomlString(value) {
    return (
      '"' +
      String(value).replace(/[\\"\u0000-\u001f\u007f]/g, function (c) {
        if (c === "\\") return "\\\\";
        if (c === '"') return '\\"';
        return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
      }) +
      '"'
    );
  }

  function tokenFile(login, server, token, expiresAt) {
    return (
      [
        FILE_COMMENT,
        "login = " + tomlString(login),
        "server = " + tomlString(server),
        "access_token = " + tomlString(token),
        "expires_at = " + tomlString(expiresAt === null ? "" : isoUtc(expiresAt)),
      ].join("\n") + "\n"
    );
  }

  function readJson(response) {
    return response.text().then(function (body) {
      try {
        var data = JSON.parse(body);
        return data && typeof data === "object" ? data : {};
      } catch (e) {
        return {};
      }
    });
  }

  // One place that turns the token endpoint's answer into what the user should read.
  function problemFor(status, body) {
    if (status === 401 || (status === 400 && body.error === "invalid_grant")) {
      return [text.wrongPasswordTitle, text.wrongPassword];
    }
    if (status === 403 && body.error === "auth_method_disabled") {
      return [text.disabledTitle, text.disabled];
    }
    if (status === 404 || status === 405) {
      return [text.notFoundTitle, text.notFound];
    }
    if (status === 502 || status === 503 || status === 504) {
      return [text.unreachableTitle, text.unreachable];
    }
    var detail = body.error_description || body.error || body.reason || "";
    var title = text.serverErrorTitle + " (HTTP " + status + (detail ? ": " + detail : "") + ").";
    return [title, text.serverError];
  }

  function requestToken(login, password) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller
      ? window.setTimeout(function () {
          controller.abort();
        }, REQUEST_TIMEOUT_MS)
      : null;
    return window
      .fetch(TOKEN_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({
          client_id: "chat_bot",
          grant_type: "password",
          username: login,
          password: password,
        }),
        credentials: "omit",
        cache: "no-store",
        redirect: "error",
        referrerPolicy: "no-referrer",
        signal: controller ? controller.signal : undefined,
      })
      .then(
        function (response) {
          return readJson(response).then(function (body) {
            if (!response.ok) return { problem: problemFor(response.status, body) };
            if (typeof body.access_token !== "string" || !body.access_token) {
              return { problem: [text.noTokenTitle, text.noToken] };
            }
            return { token: body.access_token, body: body };
          });
        },
        function (error) {
          if (error && error.name === "AbortError") return { problem: [text.timeoutTitle, text.timeout] };
          return { problem: [text.unreachableTitle, text.unreachable] };
        }
      )
      .then(function (result) {
        if (timer !== null) window.clearTimeout(timer);
        return result;
      });
  }

  function start() {
    var el = function (id) {
      return document.getElementById(id);
    };
    var form = el("signin-form");
    var loginInput = el("login");
    var passwordInput = el("password");
    var toggle = el("password-toggle");
    var errorBox = el("signin-error");
    var submit = el("signin-submit");
    var signinCard = el("signin-card");
    var resultCard = el("result-card");
    var tokenBox = el("token");
    var status = el("result-status");
    var submitLabel = submit.querySelector(".button__label");
    var idleLabel = submitLabel.textContent;
    var current = null; // {login, server, token, expiresAt}

    toggle.setAttribute("aria-label", text.showLabel);

    function showError(title, detail, field) {
      errorBox.textContent = "";
      var strong = document.createElement("strong");
      strong.className = "alert__title";
      strong.textContent = title;
      errorBox.appendChild(strong);
      if (detail) errorBox.appendChild(document.createTextNode(detail));
      errorBox.hidden = false;
      if (field) {
        field.setAttribute("aria-invalid", "true");
        field.focus();
      } else {
        errorBox.focus();
      }
    }

    function clearError() {
      errorBox.hidden = true;
      errorBox.textContent = "";
      loginInput.removeAttribute("aria-invalid");
      passwordInput.removeAttribute("aria-invalid");
    }

    function setBusy(busy) {
      submit.disabled = busy;
      submit.classList.toggle("is-busy", busy);
      submitLabel.textContent = busy ? text.busy : idleLabel;
      form.setAttribute("aria-busy", busy ? "true" : "false");
    }

    function showToken(login, token, body) {
      var expiresAt = expirySeconds(token, body);
      current = { login: login, server: window.location.host, token: token, expiresAt: expiresAt };
      el("result-login").textContent = login;
      el("result-server").textContent = current.server;
      el("result-file").textContent = login + ".toml";
      tokenBox.value = token;
      el("result-expiry").textContent =
        expiresAt === null
          ? text.expiresUnknown
          : format(text.expires, {
              date: new Date(expiresAt * 1000).toLocaleString(lang, {
                dateStyle: "long",
                timeStyle: "short",
              }),
            });
      status.textContent = "";
      signinCard.hidden = true;
      resultCard.hidden = false;
      el("result-title").focus();
    }

    toggle.addEventListener("click", function () {
      var showing = passwordInput.type === "text";
      passwordInput.type = showing ? "password" : "text";
      toggle.textContent = showing ? text.show : text.hide;
      toggle.setAttribute("aria-label", showing ? text.showLabel : text.hideLabel);
      toggle.setAttribute("aria-pressed", showing ? "false" : "true");
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearError();
      var login = normalizeLogin(loginInput.value);
      var password = passwordInput.value;
      if (!login) return showError(text.needLogin, "", loginInput);
      if (!password) return showError(text.needPassword, "", passwordInput);
      setBusy(true);
      requestToken(login, password).then(function (result) {
        setBusy(false);
        if (result.problem) {
          passwordInput.value = "";
          showError(result.problem[0], result.problem[1], null);
          return;
        }
        passwordInput.value = "";
        passwordInput.type = "password";
        showToken(login, result.token, result.body);
      });
    });

    el("copy-button").addEventListener("click", function () {
      if (!current) return;
      var fallback = function () {
        tokenBox.focus();
        tokenBox.select();
        var copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (e) {
          copied = false;
        }
        status.textContent = copied ? text.copied : text.copyFailed;
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(current.token).then(function () {
          status.textContent = text.copied;
        }, fallback);
      } else {
        fallback();
      }
    });

    el("download-button").addEventListener("click", function () {
      if (!current) return;
      var name = current.login + ".toml";
      var content = tokenFile(current.login, current.server, current.token, current.expiresAt);
      var url = URL.createObjectURL(new Blob([content], { type: "application/toml" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.rel = "noopener";
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 10000);
      status.textContent = format(text.downloaded, { file: name });
    });

    function reset() {
      current = null;
      tokenBox.value = "";
      status.textContent = "";
      passwordInput.value = "";
      resultCard.hidden = true;
      signinCard.hidden = false;
    }

    el("restart-button").addEventListener("click", function () {
      reset();
      loginInput.value = "";
      loginInput.focus();
    });

    // A page restored from the back/forward cache must not show an old token or password.
    window.addEventListener("pagehide", reset);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
