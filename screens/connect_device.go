package screens

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"rsc.io/qr"

	"github.com/hearth-app/hearth/app"
)

// deviceDialog is "Sign in with a code": the code, large, the address to
// type it at, and a QR code of the address with the code in it, for a
// phone's camera. Hearth polls the sign-in service meanwhile.
type deviceDialog struct {
	dlg     dialog.Dialog
	code    *canvas.Text
	address *widget.Label
	qr      *canvas.Image // nil when the provider gives no complete address
	cancel  *widget.Button
}

// signInDevice asks for a code, shows it and waits for the user to
// approve it on another device; Cancel stops the wait.
func (c *connectCard) signInDevice() {
	setProblem(c.problem, "")
	ctx, cancel := context.WithCancel(context.Background())
	var (
		d   *app.DeviceSignIn
		err error
	)
	c.u.background(func() { d, err = c.u.a.StartDeviceSignIn(ctx) }, func() {
		if err != nil {
			cancel()
			c.signedIn(err)
			return
		}
		dd := c.u.newDeviceDialog(d, cancel)
		c.device = dd
		c.u.background(func() { err = c.u.a.WaitDeviceSignIn(ctx, d) }, func() {
			cancel()
			dd.dlg.Hide()
			c.device = nil
			c.signedIn(err)
		})
	})
}

// newDeviceDialog shows the code.
func (u *UI) newDeviceDialog(d *app.DeviceSignIn, cancel func()) *deviceDialog {
	dd := &deviceDialog{}
	dd.code = canvas.NewText(d.UserCode, theme.Color(theme.ColorNameForeground))
	dd.code.TextSize = theme.TextSize() * 2.5
	dd.code.TextStyle = fyne.TextStyle{Bold: true, Monospace: true}
	address := widget.NewLabel(d.VerificationURI)
	address.Selectable = true
	address.Wrapping = fyne.TextWrapBreak
	address.TextStyle = fyne.TextStyle{Bold: true}
	dd.address = address
	dd.cancel = widget.NewButtonWithIcon(lang.X("action.cancel", "Cancel"), theme.CancelIcon(), func() {
		cancel()
		dd.dlg.Hide()
	})
	objs := []fyne.CanvasObject{
		para(lang.X("connect.device_step1", "On your phone or another computer, go to this address:")), address,
		para(lang.X("connect.device_step2", "Then type this code:")), container.NewCenter(dd.code),
	}
	if d.VerificationURIComplete != "" {
		if img, err := qrImage(d.VerificationURIComplete); err == nil {
			dd.qr = img
			objs = append(objs, note(lang.X("connect.device_qr", "Or point your phone's camera at this square: it opens the address with the code filled in.")),
				container.NewCenter(img))
		} else {
			slog.Warn("no QR code for the code sign-in; the address and code are shown", "error", err)
		}
	}
	objs = append(objs,
		note(lang.X("connect.device_wait", "Waiting for you to sign in. The code works until {{.Time}}.", map[string]any{"Time": d.Expires.Local().Format("15:04")})),
		widget.NewProgressBarInfinite(), container.NewHBox(dd.cancel))
	dd.dlg = dialog.NewCustomWithoutButtons(lang.X("connect.device_title", "Sign in with a code"), container.NewVScroll(container.NewVBox(objs...)), u.w)
	dd.dlg.Show()
	dd.dlg.Resize(u.w.Canvas().Size().Subtract(fyne.NewSize(80, 80)))
	return dd
}

// qrSize is the QR code's size on screen: large enough for a phone camera
// at arm's length, small enough to fit a 768-pixel screen with the code.
const qrSize = 200

// qrQuiet is the white border around a QR code, in modules, that
// scanners need to find it.
const qrQuiet = 4

// qrImage draws text as a QR code with medium error correction: one pixel
// per module inside a quiet zone, scaled up on screen with sharp edges.
// (rsc.io/qr's own Image ignores its scale and quiet zone, drawing the
// code small in a corner, so the bitmap is drawn here.)
func qrImage(text string) (*canvas.Image, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, fmt.Errorf("draw the sign-in QR code: %w", err)
	}
	side := code.Size + 2*qrQuiet
	img := image.NewGray(image.Rect(0, 0, side, side))
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			v := uint8(0xff)
			if code.Black(x-qrQuiet, y-qrQuiet) {
				v = 0
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	out := canvas.NewImageFromImage(img)
	out.FillMode = canvas.ImageFillContain
	out.ScaleMode = canvas.ImageScalePixels
	out.SetMinSize(fyne.NewSize(qrSize, qrSize))
	return out, nil
}
