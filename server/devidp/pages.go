package devidp

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
)

// Paths of the provider's own pages. zitadel serves the protocol endpoints;
// signing in and approving a device are left to the provider's UI.
const (
	loginPath  = "/login"
	devicePath = "/device"
)

// pages are deliberately plain HTML forms: a person can use them in any
// browser, and BrowserLogin and ApproveDevice can drive them over HTTP.
var pages = template.Must(template.New("").Parse(`
{{define "head"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>body{font-family:sans-serif;font-size:1.2rem;max-width:30rem;margin:2rem auto;padding:0 1rem}
label,input,button{display:block;font-size:inherit;margin:.4rem 0}input{width:100%;padding:.4rem}
button{padding:.5rem 1.2rem}.error{color:#a00;font-weight:bold}</style></head><body>
<h1>{{.Title}}</h1>
<p>Development sign-in for Hearth. Demo accounts only; never use real details here.</p>
{{if .Error}}<p class="error" id="error" role="alert">{{.Error}}</p>{{end}}{{end}}

{{define "login"}}{{template "head" .}}
<form method="post" action="` + loginPath + `">
<input type="hidden" name="authRequestID" value="{{.RequestID}}">
<label for="username">Username</label><input id="username" name="username" value="{{.Username}}" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form></body></html>{{end}}

{{define "device"}}{{template "head" .}}
<form method="post" action="` + devicePath + `">
<label for="user_code">Code shown on your device</label><input id="user_code" name="user_code" value="{{.UserCode}}" autocomplete="off" required>
<label for="username">Username</label><input id="username" name="username" value="{{.Username}}" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" name="action" value="allow">Allow Hearth on this device</button>
<button type="submit" name="action" value="deny">Deny</button>
</form></body></html>{{end}}

{{define "device_done"}}{{template "head" .}}
<p id="result" data-outcome="{{.Outcome}}">{{.Message}}</p></body></html>{{end}}
`))

type pageData struct {
	Title, Error, RequestID, Username, UserCode, Outcome, Message string
}

func render(w http.ResponseWriter, status int, name string, d pageData) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	if err := pages.ExecuteTemplate(w, name, d); err != nil {
		slog.Warn("devidp: writing a page failed", "page", name, "error", err)
	}
}

// loginPage serves the sign-in form zitadel redirects to from /authorize,
// and on a correct username and password sends the browser back to
// zitadel's callback, which issues the code to the app's redirect_uri.
type loginPage struct {
	store    *storage
	callback func(ctx context.Context, authRequestID string) string
}

func (l *loginPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const title = "Sign in to Hearth"
	switch r.Method {
	case http.MethodGet:
		render(w, http.StatusOK, "login", pageData{Title: title, RequestID: r.URL.Query().Get("authRequestID")})
	case http.MethodPost:
		id, user := r.PostFormValue("authRequestID"), r.PostFormValue("username")
		acct, ok := checkPassword(user, r.PostFormValue("password"))
		if !ok {
			render(w, http.StatusUnauthorized, "login", pageData{Title: title, RequestID: id, Username: user, Error: "That username and password do not match a demo account."})
			return
		}
		if err := l.store.completeLogin(id, acct.Subject); err != nil {
			render(w, http.StatusBadRequest, "login", pageData{Title: title, RequestID: id, Username: user, Error: err.Error()})
			return
		}
		http.Redirect(w, r, l.callback(r.Context(), id), http.StatusFound)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// devicePage is the verification_uri of the device authorization grant:
// the person types the code their tablet shows, signs in, and allows or
// denies it.
type devicePage struct{ store *storage }

func (d *devicePage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const title = "Connect a device to Hearth"
	switch r.Method {
	case http.MethodGet:
		render(w, http.StatusOK, "device", pageData{Title: title, UserCode: r.URL.Query().Get("user_code")})
	case http.MethodPost:
		code, user := r.PostFormValue("user_code"), r.PostFormValue("username")
		acct, ok := checkPassword(user, r.PostFormValue("password"))
		if !ok {
			render(w, http.StatusUnauthorized, "device", pageData{Title: title, UserCode: code, Username: user, Error: "That username and password do not match a demo account."})
			return
		}
		approve := r.PostFormValue("action") == "allow"
		if err := d.store.decideDevice(code, acct.Subject, approve); err != nil {
			render(w, http.StatusBadRequest, "device", pageData{Title: title, UserCode: code, Username: user, Error: err.Error()})
			return
		}
		if approve {
			render(w, http.StatusOK, "device_done", pageData{Title: title, Outcome: "allowed", Message: "Done. Hearth on your device is now signed in; you can close this page."})
			return
		}
		render(w, http.StatusOK, "device_done", pageData{Title: title, Outcome: "denied", Message: "Denied. Your device has not been signed in."})
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}
