package app

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// settingAutoLock is how many idle minutes lock an app that has an app
// lock; "0" turns locking by itself off.
const settingAutoLock = "auto_lock_minutes"

// AutoLockChoices are the idle times the user can choose, in minutes; 0 is
// off.
var AutoLockChoices = []int{0, 1, 5, 15}

// defaultAutoLock is the idle time until the user chooses: long enough not
// to interrupt someone reading a record, short enough that a screen left
// open in a shared room does not stay open for long.
const defaultAutoLock = 5

// AutoLock is how long Hearth may sit idle before it locks itself, or zero
// when it never locks itself (or has no app lock to lock with).
func (a *App) AutoLock() time.Duration {
	if !a.LockEnabled() {
		return 0
	}
	return time.Duration(a.AutoLockMinutes()) * time.Minute
}

// AutoLockMinutes is the chosen idle time in minutes, 0 for off.
func (a *App) AutoLockMinutes() int {
	v, _ := a.store.Setting(settingAutoLock)
	n, err := strconv.Atoi(v)
	if err != nil || !slices.Contains(AutoLockChoices, n) {
		return defaultAutoLock
	}
	return n
}

// SetAutoLockMinutes stores the idle time, one of AutoLockChoices.
func (a *App) SetAutoLockMinutes(n int) error {
	if !slices.Contains(AutoLockChoices, n) {
		return fmt.Errorf("set auto-lock: %d minutes is not a choice", n)
	}
	return a.store.SetSetting(settingAutoLock, strconv.Itoa(n))
}
