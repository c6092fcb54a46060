package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// readCaseloads reads the --caseloads file: a JSON object from each
// limited staff subject to the scopes they may read and write, e.g.
// {"worker-sub": ["scope-1", "scope-2"]}. Without it every staff subject
// sees every household and care leaver, which suits a small LA but not
// one whose teams must see only their own caseload. An empty path means
// no file. A subject listed with no scopes sees none, so a mistyped
// scope list shuts a worker out rather than letting them see everyone.
func readCaseloads(path string) (map[string][]string, error) {
	if path == "" {
		return nil, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--caseloads: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var out map[string][]string
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("--caseloads %s: want a JSON object from each staff subject to a list of scopes: %w", path, err)
	}
	for subject, scopes := range out {
		if subject == "" {
			return nil, fmt.Errorf("--caseloads %s: a caseload is listed for an empty subject", path)
		}
		for _, s := range scopes {
			if s == "" {
				return nil, fmt.Errorf("--caseloads %s: the caseload of %q lists an empty scope", path, subject)
			}
		}
	}
	return out, nil
}
