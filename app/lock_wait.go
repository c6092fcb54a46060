package app

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Wrong tries at the PIN or passphrase are counted in plain settings: the
// count and the time before which no new try is accepted. Neither is a
// secret, and both survive closing Hearth, so restarting it does not reset
// the wait.
const (
	settingLockFailures  = "lock_failures"
	settingLockNotBefore = "lock_not_before"
)

// Wait after wrong tries: none for the first freeTries, so a slip costs
// nothing; then firstWait, doubling with each further wrong try, up to
// maxWait. At maxWait a six-digit PIN takes decades to guess through the
// app.
const (
	freeTries = 3
	firstWait = 30 * time.Second
	maxWait   = 15 * time.Minute
)

// lockDelay is the wait imposed after the n-th wrong try in a row.
func lockDelay(n int) time.Duration {
	if n <= freeTries {
		return 0
	}
	d := firstWait
	for i := freeTries + 1; i < n && d < maxWait; i++ {
		d *= 2
	}
	return min(d, maxWait)
}

// WaitError is a UserError that also says how long the user must wait
// before the next try. errors.As finds the UserError inside it, so screens
// that know nothing of waiting still show its message.
type WaitError struct {
	UserError
	Wait time.Duration
}

// Unwrap gives the UserError, for errors.As.
func (e *WaitError) Unwrap() error { return &e.UserError }

// LockWait is how long the user must still wait before the next try, zero
// when they may try now, for the unlock screen to show. It reports zero
// when the count cannot be read; mustWait, which decides, then refuses.
func (a *App) LockWait() time.Duration {
	w, _ := a.lockWait()
	return w
}

// lockWait is how long the user must still wait, or an error when the
// count or the time cannot be read.
func (a *App) lockWait() (time.Duration, error) {
	n, err := a.failures()
	if err != nil {
		return 0, err
	}
	v, err := a.store.Setting(settingLockNotBefore)
	if err != nil {
		return 0, fmt.Errorf("read the wait after wrong tries: %w", err)
	}
	until, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		// Empty after the right secret was typed; nothing to wait for.
		return 0, nil
	}
	// Never longer than the rule allows, even if the clock was turned back
	// after the wait was stored.
	return min(max(until.Sub(a.now()), 0), lockDelay(n)), nil
}

// mustWait refuses a try made while the user must still wait, before any
// key is derived, and any try when the wait cannot be read: failing open
// there would let guesses through without the wait.
func (a *App) mustWait(field string) error {
	w, err := a.lockWait()
	if err != nil {
		return err
	}
	if w > 0 {
		return &WaitError{UserError{Key: "lock.error.wait", Field: field}, w}
	}
	return nil
}

// failures is the count of wrong tries in a row. A count that cannot be
// read is an error, not zero, so a failed read never resets the wait.
func (a *App) failures() (int, error) {
	v, err := a.store.Setting(settingLockFailures)
	if err != nil {
		return 0, fmt.Errorf("read the count of wrong tries: %w", err)
	}
	n, _ := strconv.Atoi(v)
	return max(n, 0), nil
}

// wrongKeys are the UserError keys for a wrong PIN or passphrase: one for a
// slip that costs nothing, one that also says how long to wait.
type wrongKeys struct{ now, wait string }

// failed counts a wrong try and returns the error to show: wrong, and the
// wait before the next try when there is one.
func (a *App) failed(field string, wrong wrongKeys) error {
	n, err := a.failures()
	if err != nil {
		return fmt.Errorf("count wrong try: %w", err)
	}
	n++
	wait := lockDelay(n)
	err = errors.Join(
		a.store.SetSetting(settingLockFailures, strconv.Itoa(n)),
		a.store.SetSetting(settingLockNotBefore, a.now().Add(wait).UTC().Format(time.RFC3339Nano)))
	if err != nil {
		return fmt.Errorf("count wrong try: %w", err)
	}
	if wait > 0 {
		return &WaitError{UserError{Key: wrong.wait, Field: field}, wait}
	}
	return invalid(field, wrong.now)
}

// clearFailures forgets the wrong tries once the right secret is typed.
func (a *App) clearFailures() error {
	if n, err := a.failures(); err != nil || n == 0 {
		return err
	}
	return errors.Join(a.store.SetSetting(settingLockFailures, "0"), a.store.SetSetting(settingLockNotBefore, ""))
}
