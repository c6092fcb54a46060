package devidp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// maxPage caps how much of a provider page the helpers read.
const maxPage = 1 << 20

// BrowserLogin signs username in as a person in a browser would: it opens
// authURL (the app's authorization request), follows redirects to the
// login page, fills in and submits the form, and follows redirects again
// until one leaves the provider. That redirect, to the app's loopback
// redirect_uri, is returned without being followed, so the caller can
// check state and exchange the code itself.
//
// If the provider redirects back with an OAuth error (error=...), the
// redirect is returned together with an error naming it. A wrong password
// or any page without the expected form is an error. httpClient may be
// nil; its CheckRedirect is not used.
func BrowserLogin(ctx context.Context, httpClient *http.Client, authURL, username, password string) (*url.URL, error) {
	start, err := url.Parse(authURL)
	if err != nil {
		return nil, fmt.Errorf("devidp: authorization URL %q does not parse: %w", authURL, err)
	}
	b := newBrowser(httpClient, start.Host)
	page, left, err := b.get(ctx, start)
	if err != nil || left != nil {
		return left, oauthError(left, err)
	}
	f, err := page.form()
	if err != nil {
		return nil, fmt.Errorf("devidp: the login page: %w", err)
	}
	f.values.Set("username", username)
	f.values.Set("password", password)
	page, left, err = b.submit(ctx, f)
	if err != nil {
		return nil, err
	}
	if left == nil {
		return nil, fmt.Errorf("devidp: sign-in as %q was not accepted: %s", username, page.message())
	}
	return left, oauthError(left, nil)
}

// ApproveDevice does the person's side of the device authorization grant
// (RFC 8628): it opens verificationURI, types userCode, signs in as
// username and presses "Allow". It returns nil once the provider confirms.
func ApproveDevice(ctx context.Context, httpClient *http.Client, verificationURI, userCode, username, password string) error {
	start, err := url.Parse(verificationURI)
	if err != nil {
		return fmt.Errorf("devidp: verification URI %q does not parse: %w", verificationURI, err)
	}
	b := newBrowser(httpClient, start.Host)
	page, left, err := b.get(ctx, start)
	if err != nil {
		return err
	}
	if left != nil {
		return fmt.Errorf("devidp: the verification page redirected away, to %s", left.Redacted())
	}
	f, err := page.form()
	if err != nil {
		return fmt.Errorf("devidp: the device page: %w", err)
	}
	f.values.Set("user_code", userCode)
	f.values.Set("username", username)
	f.values.Set("password", password)
	f.values.Set("action", "allow")
	page, left, err = b.submit(ctx, f)
	if err != nil {
		return err
	}
	if left != nil {
		return fmt.Errorf("devidp: approving the device redirected away, to %s", left.Redacted())
	}
	if page.attr("result", "data-outcome") != "allowed" {
		return fmt.Errorf("devidp: approving the device as %q failed: %s", username, page.message())
	}
	return nil
}

// oauthError turns an error=... redirect into a Go error.
func oauthError(u *url.URL, err error) error {
	if err != nil || u == nil {
		return err
	}
	q := u.Query()
	if e := q.Get("error"); e != "" {
		return fmt.Errorf("devidp: the provider refused the authorization request: %s: %s", e, q.Get("error_description"))
	}
	return nil
}

// browser follows redirects within the provider's host and stops at the
// first one that leaves it.
type browser struct {
	client *http.Client
	host   string
}

func newBrowser(c *http.Client, host string) *browser {
	if c == nil {
		c = http.DefaultClient
	}
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &browser{client: &cc, host: host}
}

func (b *browser) get(ctx context.Context, u *url.URL) (*page, *url.URL, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("devidp: building a request: %w", err)
	}
	return b.do(req)
}

func (b *browser) submit(ctx context.Context, f form) (*page, *url.URL, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.action.String(), strings.NewReader(f.values.Encode()))
	if err != nil {
		return nil, nil, fmt.Errorf("devidp: building a request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// do sends req and follows same-host redirects (at most ten), returning
// either the final page or the redirect that left the provider.
func (b *browser) do(req *http.Request) (*page, *url.URL, error) {
	for range 10 {
		resp, err := b.client.Do(req)
		if err != nil {
			return nil, nil, fmt.Errorf("devidp: %s %s: %w", req.Method, req.URL.Redacted(), err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxPage))
		resp.Body.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("devidp: reading %s: %w", req.URL.Redacted(), err)
		}
		loc := resp.Header.Get("Location")
		if resp.StatusCode < 300 || resp.StatusCode >= 400 || loc == "" {
			doc, err := html.Parse(strings.NewReader(string(body)))
			if err != nil {
				return nil, nil, fmt.Errorf("devidp: %s is not HTML: %w", req.URL.Redacted(), err)
			}
			return &page{url: req.URL, status: resp.StatusCode, doc: doc}, nil, nil
		}
		next, err := req.URL.Parse(loc)
		if err != nil {
			return nil, nil, fmt.Errorf("devidp: redirect to %q does not parse: %w", loc, err)
		}
		if next.Host != b.host {
			return nil, next, nil
		}
		req, err = http.NewRequestWithContext(req.Context(), http.MethodGet, next.String(), nil)
		if err != nil {
			return nil, nil, fmt.Errorf("devidp: building a request: %w", err)
		}
	}
	return nil, nil, errors.New("devidp: too many redirects within the provider")
}

// page is a parsed HTML response.
type page struct {
	url    *url.URL
	status int
	doc    *html.Node
}

type form struct {
	action *url.URL
	values url.Values
}

// form returns the page's first form, with its hidden and prefilled fields.
func (p *page) form() (form, error) {
	n := find(p.doc, func(n *html.Node) bool { return n.Data == "form" })
	if n == nil {
		return form{}, fmt.Errorf("no form on the page: %s", p.message())
	}
	action, err := p.url.Parse(attr(n, "action"))
	if err != nil {
		return form{}, fmt.Errorf("form action does not parse: %w", err)
	}
	f := form{action: action, values: url.Values{}}
	walk(n, func(in *html.Node) {
		if in.Type == html.ElementNode && in.Data == "input" && attr(in, "name") != "" {
			f.values.Set(attr(in, "name"), attr(in, "value"))
		}
	})
	return f, nil
}

// message is the page's error text, or failing that its status, for
// error messages that say why.
func (p *page) message() string {
	if n := find(p.doc, func(n *html.Node) bool { return attr(n, "id") == "error" }); n != nil {
		return text(n)
	}
	t := strings.Join(strings.Fields(text(p.doc)), " ")
	if len(t) > 300 {
		t = t[:300] + "..."
	}
	return fmt.Sprintf("HTTP %d from %s: %s", p.status, p.url.Redacted(), t)
}

// attr returns attribute name of the element with the given id.
func (p *page) attr(id, name string) string {
	if n := find(p.doc, func(n *html.Node) bool { return attr(n, "id") == id }); n != nil {
		return attr(n, name)
	}
	return ""
}

func find(root *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	walk(root, func(n *html.Node) {
		if found == nil && n.Type == html.ElementNode && match(n) {
			found = n
		}
	})
	return found
}

func walk(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var sb strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			sb.WriteString(c.Data)
		}
	})
	return strings.TrimSpace(sb.String())
}
