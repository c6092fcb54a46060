package screens

import (
	"context"
	"errors"
	"io"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// connectPhase is where the user is in connecting to their local
// authority; each phase offers only the next step.
type connectPhase int

const (
	phaseSettings connectPhase = iota // no settings file yet, or changing it
	phaseSignIn                       // settings in, not signed in
	phaseEnrol                        // signed in, code not entered
	phaseReady                        // syncing
)

// connectCard is the "Your local authority" section of Settings.
type connectCard struct {
	u       *UI
	box     *fyne.Container
	problem *widget.Label
	phase   connectPhase
	editing bool // changing the settings file of a configured profile
	conn    app.Connection

	paste *widget.Entry // the settings file, in phaseSettings
	code  *widget.Entry // the enrolment code, in phaseEnrol
	sync  *syncPanel    // in phaseReady

	device *deviceDialog // showing while a code sign-in waits
}

// connectCard builds the section and registers it with the sync loop, so
// a background sync that finds the sign-in gone can show "sign in again".
func (u *UI) connectCard() fyne.CanvasObject {
	c := &connectCard{u: u, box: container.NewVBox(), problem: problem(), phase: -1}
	u.syncer().card = c
	c.show()
	return card(subheading(lang.X("connect.section", "Your local authority")),
		note(lang.X("connect.intro", "Connect Hearth to your local authority to send them your support needs, training and records, and to see their answers here. It is your choice; Hearth works fully without it.")),
		c.box, c.problem)
}

// show redraws the section for the current connection state. Within one
// phase only the changing parts are updated, so nothing the user is typing
// is lost.
func (c *connectCard) show() {
	conn, err := c.u.a.Connection()
	if err != nil {
		_, message := explain("read the local authority connection", err)
		setProblem(c.problem, message)
		return
	}
	c.conn = conn
	phase := phaseReady
	switch {
	case !conn.Configured || c.editing:
		phase = phaseSettings
	case !conn.SignedIn:
		phase = phaseSignIn
	case !conn.Enrolled:
		phase = phaseEnrol
	}
	if phase != c.phase {
		c.phase = phase
		c.box.Objects = c.build()
		c.box.Refresh()
	}
	if c.sync != nil && phase == phaseReady {
		c.sync.show()
	}
}

// build makes the widgets of the current phase.
func (c *connectCard) build() []fyne.CanvasObject {
	c.sync = nil
	if c.u.sync != nil && c.u.sync.panel != nil && c.u.sync.panel.card == c {
		c.u.sync.panel = nil
	}
	switch c.phase {
	case phaseSettings:
		return c.buildSettings()
	case phaseSignIn:
		return c.buildSignIn()
	case phaseEnrol:
		return c.buildEnrol()
	}
	c.sync = c.u.newSyncPanel(c)
	return []fyne.CanvasObject{c.laName(), c.sync.box,
		container.NewHBox(widget.NewButtonWithIcon(lang.X("connect.sign_out", "Sign out"), theme.LogoutIcon(), c.signOut))}
}

// laName says which local authority the settings are for.
func (c *connectCard) laName() fyne.CanvasObject {
	name := c.conn.Settings.Name
	if name == "" {
		if u, err := url.Parse(c.conn.Settings.Issuer); err == nil {
			name = u.Host
		}
	}
	return bold(lang.X("connect.la_name", "Local authority: {{.Name}}", map[string]any{"Name": name}))
}

func (c *connectCard) buildSettings() []fyne.CanvasObject {
	c.paste = multiline("", 6)
	c.paste.SetPlaceHolder(`{"issuer": "https://…", "client_id": "…", "api_url": "https://…", "scopes": ["openid", "offline_access"]}`)
	use := primary(lang.X("connect.use_settings", "Use these settings"), theme.ConfirmIcon(), func() {
		c.useSettings([]byte(c.paste.Text))
	})
	open := widget.NewButtonWithIcon(lang.X("connect.open_settings", "Open a settings file…"), theme.FolderOpenIcon(), c.openSettings)
	objs := []fyne.CanvasObject{
		tight(bold(lang.X("connect.settings_file", "Settings file from your local authority")),
			note(lang.X("connect.settings_hint", "Your local authority gives you a small file, or text to copy. Paste it here, or open the file."))),
		c.paste, container.NewHBox(use), container.NewHBox(open),
	}
	if c.conn.Configured {
		objs = append(objs, container.NewHBox(widget.NewButton(lang.X("action.cancel", "Cancel"), func() {
			c.editing = false
			setProblem(c.problem, "")
			c.show()
		})))
	}
	return objs
}

// useSettings stores a settings file, or says what is wrong with it.
func (c *connectCard) useSettings(raw []byte) {
	if err := c.u.a.SetAuthoritySettings(raw); err != nil {
		_, message := explain("save local authority settings", err)
		setProblem(c.problem, message)
		return
	}
	setProblem(c.problem, "")
	c.editing = false
	c.show()
}

// maxSettingsFile bounds what is read from a chosen file; a real settings
// file is a few hundred bytes, and anything past this is refused anyway.
const maxSettingsFile = 64 << 10

// openSettings reads a settings file the user picks.
func (c *connectCard) openSettings() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		raw, err := io.ReadAll(io.LimitReader(r, maxSettingsFile))
		if err != nil {
			setProblem(c.problem, lang.X("connect.error.read_file", "Hearth could not read that file. Try opening it again, or paste its text instead."))
			return
		}
		c.useSettings(raw)
	}, c.u.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".txt"}))
	d.Show()
	d.Resize(c.u.w.Canvas().Size().Subtract(fyne.NewSize(80, 80)))
}

func (c *connectCard) buildSignIn() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{c.laName()}
	if c.conn.SignInAgain {
		again := bold(userMessage("connect.error.sign_in_again"))
		again.Importance = widget.WarningImportance
		objs = append(objs, again)
	}
	browser := primary(lang.X("connect.sign_in_browser", "Sign in with your browser"), theme.LoginIcon(), c.signInBrowser)
	device := widget.NewButtonWithIcon(lang.X("connect.sign_in_code", "Sign in with a code"), theme.ComputerIcon(), c.signInDevice)
	change := widget.NewButtonWithIcon(lang.X("connect.change_settings", "Change the settings file"), theme.DocumentCreateIcon(), func() {
		c.editing = true
		c.show()
	})
	return append(objs,
		note(lang.X("connect.sign_in_hint", "Sign in with the account your local authority gave you.")),
		container.NewHBox(browser),
		note(lang.X("connect.sign_in_code_hint", "On a tablet, or if no browser opens, sign in with a code: you type a short code on your phone or another computer.")),
		container.NewHBox(device), container.NewHBox(change))
}

// signInBrowser signs in in the system browser, with a dialog to cancel
// while the user is away in the browser.
func (c *connectCard) signInBrowser() {
	setProblem(c.problem, "")
	ctx, cancel := context.WithCancel(context.Background())
	var dlg dialog.Dialog
	cancelButton := widget.NewButton(lang.X("action.cancel", "Cancel"), func() { cancel() })
	dlg = dialog.NewCustomWithoutButtons(lang.X("connect.browser_title", "Finish signing in in your browser"),
		container.NewVBox(para(lang.X("connect.browser_wait", "Your browser has opened your local authority's sign-in page. Sign in there, then come back here.")),
			widget.NewProgressBarInfinite(), container.NewHBox(cancelButton)), c.u.w)
	dlg.Show()
	open := c.u.syncer().openURL
	var err error
	c.u.background(func() {
		err = c.u.a.SignInBrowser(ctx, func(s string) error {
			u, perr := url.Parse(s)
			if perr != nil {
				return perr
			}
			return open(u)
		})
	}, func() {
		cancel()
		dlg.Hide()
		c.signedIn(err)
	})
}

// signedIn shows the outcome of a sign-in.
func (c *connectCard) signedIn(err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	if err != nil {
		_, message := explain("sign in to the local authority", err)
		c.show()
		setProblem(c.problem, message)
		return
	}
	setProblem(c.problem, "")
	c.show()
	c.u.startSync()
}

func (c *connectCard) buildEnrol() []fyne.CanvasObject {
	c.code = entry("")
	use := primary(lang.X("connect.use_code", "Use this code"), theme.ConfirmIcon(), c.enrol)
	out := widget.NewButtonWithIcon(lang.X("connect.sign_out", "Sign out"), theme.LogoutIcon(), c.signOut)
	return []fyne.CanvasObject{c.laName(),
		para(lang.X("connect.enrol_intro", "You are signed in. Now type the code your local authority gave you. It links Hearth to your records there, once.")),
		bold(lang.X("connect.code", "Code from your local authority")), c.code,
		container.NewHBox(use), container.NewHBox(out)}
}

// enrol redeems the code in the background.
func (c *connectCard) enrol() {
	setProblem(c.problem, "")
	code := c.code.Text
	var err error
	c.u.background(func() { err = c.u.a.Enrol(context.Background(), code) }, func() {
		if err != nil {
			_, message := explain("enrol with the local authority", err)
			setProblem(c.problem, message)
			return
		}
		c.show()
		c.u.startSync()
	})
}

// signOut forgets the sign-in; changes not yet sent stay queued.
func (c *connectCard) signOut() {
	if err := c.u.a.SignOut(); err != nil {
		_, message := explain("sign out of the local authority", err)
		setProblem(c.problem, message)
		return
	}
	setProblem(c.problem, "")
	c.show()
}
