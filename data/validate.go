package data

import (
	"fmt"
	"slices"
	"strings"
)

// The store validates what it is given before writing, so a screen gets an
// error that names the field; the schema's CHECK constraints are only the
// backstop.

// check returns the first failed validation.
func check(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func required(v, what string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("%s is required", what)
	}
	return nil
}

func oneOf[T comparable](v T, all []T, what string) error {
	if !slices.Contains(all, v) {
		return fmt.Errorf("unknown %s %q", what, fmt.Sprint(v))
	}
	return nil
}
