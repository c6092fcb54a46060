//go:build bench

package main

import (
	"encoding/base64"
	"errors"
	"os"

	"github.com/hearth-app/hearth/app"
)

// A `-tags bench` build reads the keychain secret that cmd/hearth-gen wrote
// from HEARTH_BENCH_KEYCHAIN, so the benchmark opens the generated store
// the way a returning user's app does (keychain unlock and search index
// built at start-up) without touching the machine's real keychain. Release
// builds never contain this file.
func init() {
	enc := os.Getenv("HEARTH_BENCH_KEYCHAIN")
	if enc == "" {
		return
	}
	secret, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return
	}
	benchKeychain = func() app.Keychain { return envKeychain(secret) }
}

type envKeychain string

func (envKeychain) Available() bool { return true }
func (k envKeychain) Get(string) (string, error) {
	return string(k), nil
}
func (envKeychain) Set(string, string) error { return errors.New("bench keychain is read-only") }
func (envKeychain) Delete(string) error      { return errors.New("bench keychain is read-only") }
