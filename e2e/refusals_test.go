package e2e

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/server/devidp"
	"github.com/hearth-app/hearth/server/store"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// TestRefusalsAreAudited presents real tokens that must not get through
// (another household's, one for another application, an expired one, a
// tampered one) and a carer's write to a field the LA owns. Each is
// refused, leaves the other household's records as they were, and is
// written to the server's audit log.
func TestRefusalsAreAudited(t *testing.T) {
	ctx := context.Background()
	l := startLA(t, storetest.SQLite(t))

	// Household A (the foster carer) has a need at the LA.
	a, _ := household(t)
	need := app.Need{Category: app.NeedLegal, Description: "Advice on the special guardianship assessment", Urgency: app.UrgencyUrgent}
	must(t, a.SaveNeed(&need))
	_, clientA, scopeA := enrol(t, l, devidp.FosterCarer)
	_, err := a.Sync(ctx, clientA, nil)
	must(t, err)
	before := l.records(scopeA)
	needKey := "need/" + need.ID
	if before[needKey].Fields["description"] != need.Description {
		t.Fatalf("household A's need did not reach the server: %+v", before[needKey])
	}

	// Household B (the kinship carer) is enrolled in a second household.
	_, _, scopeB := enrol(t, l, devidp.KinshipCarer)
	tokA := l.token(devidp.FosterCarer, l.idp.AppClientID()).AccessToken
	tokB := l.token(devidp.KinshipCarer, l.idp.AppClientID()).AccessToken
	subA, subB := subject(t, devidp.FosterCarer), subject(t, devidp.KinshipCarer)

	overwrite := func(scope string, fields map[string]string) api.PushRequest {
		return api.PushRequest{Operations: []api.Operation{{IdempotencyKey: uuid.NewString(), Kind: api.KindNeed, ID: need.ID,
			Op: api.OpUpsert, Scope: scope, At: time.Now().UTC(), Fields: fields}}}
	}

	t.Run("cross-household read", func(t *testing.T) {
		mark := len(l.audit())
		status, reason := l.call(tokB, "GET", "/v1/staff/scopes/"+scopeA+"/needs", nil, nil)
		if status != http.StatusForbidden {
			t.Errorf("household B reading A's needs: %d %q, want 403", status, reason)
		}
		l.wantAudited(t, mark, subB, scopeA, "only local authority staff")
		// What B can pull holds nothing of A's.
		var page api.ChangesPage
		if status, reason := l.call(tokB, "GET", "/v1/changes?since=0", nil, &page); status != http.StatusOK {
			t.Fatalf("household B's own pull: %d %s", status, reason)
		}
		for _, c := range page.Changes {
			if c.Scope == scopeA || c.ID == need.ID {
				t.Errorf("household B's pull carries household A's record %s %s", c.Kind, c.ID)
			}
		}
	})

	t.Run("cross-household write", func(t *testing.T) {
		mark := len(l.audit())
		var resp api.PushResponse
		status, reason := l.call(tokB, "POST", "/v1/push", overwrite(scopeA, map[string]string{"description": "Overwritten by B"}), &resp)
		if status != http.StatusOK || len(resp.Results) != 1 || resp.Results[0].Status != api.AckRejected {
			t.Fatalf("household B naming A's scope: %d %q %+v, want the operation rejected", status, reason, resp.Results)
		}
		l.wantAudited(t, mark, subB, scopeB, resp.Results[0].Reason)
		// The same record id without a scope lands in B's own household,
		// never in A's.
		status, reason = l.call(tokB, "POST", "/v1/push", overwrite("", map[string]string{"description": "B's own need"}), &resp)
		if status != http.StatusOK || resp.Results[0].Status != api.AckApplied {
			t.Fatalf("household B's push to its own household: %d %q %+v", status, reason, resp.Results)
		}
		if got := l.records(scopeB)[needKey].Fields["description"]; got != "B's own need" {
			t.Errorf("household B's copy holds %q", got)
		}
		if got := l.records(scopeA)[needKey]; got.Revision != before[needKey].Revision || got.Fields["description"] != need.Description {
			t.Errorf("household A's need changed to %+v after B's writes", got)
		}
	})

	t.Run("carer writes an LA-owned field", func(t *testing.T) {
		mark := len(l.audit())
		var resp api.PushResponse
		status, reason := l.call(tokA, "POST", "/v1/push", overwrite("", map[string]string{"status": "met", "response": "Done"}), &resp)
		if status != http.StatusOK || len(resp.Results) != 1 || resp.Results[0].Status != api.AckRejected ||
			!strings.Contains(resp.Results[0].Reason, "local authority") {
			t.Fatalf("carer setting a need's status: %d %q %+v, want rejected as the LA's field", status, reason, resp.Results)
		}
		l.wantAudited(t, mark, subA, scopeA, resp.Results[0].Reason)
		if got := l.records(scopeA)[needKey]; got.Revision != before[needKey].Revision || got.Fields["status"] != "" {
			t.Errorf("household A's need changed to %+v after the refused write", got)
		}
	})

	t.Run("token for another audience", func(t *testing.T) {
		mark := len(l.audit())
		other := l.token(devidp.FosterCarer, l.idp.OtherClientID()).AccessToken
		status, reason := l.call(other, "GET", "/v1/changes?since=0", nil, nil)
		if status != http.StatusUnauthorized || !strings.Contains(reason, "wrong audience") {
			t.Errorf("a token for %s: %d %q, want 401 wrong audience", l.idp.OtherClientID(), status, reason)
		}
		l.wantAudited(t, mark, "", "", "wrong audience")
	})

	t.Run("expired token", func(t *testing.T) {
		mark := len(l.audit())
		l.skew.Store(int64(time.Hour)) // the default token lives 5 minutes
		defer l.skew.Store(0)
		status, reason := l.call(tokA, "GET", "/v1/changes?since=0", nil, nil)
		if status != http.StatusUnauthorized || !strings.Contains(reason, "expired") {
			t.Errorf("an expired token: %d %q, want 401 expired", status, reason)
		}
		l.wantAudited(t, mark, "", "", "expired")
	})

	t.Run("tampered token", func(t *testing.T) {
		mark := len(l.audit())
		// B's token with its subject changed to A's: the signature no
		// longer matches.
		parts := strings.Split(tokB, ".")
		payload, err := base64.RawURLEncoding.DecodeString(parts[1])
		must(t, err)
		var claims map[string]any
		must(t, json.Unmarshal(payload, &claims))
		claims["sub"] = subA
		payload, err = json.Marshal(claims)
		must(t, err)
		forged := parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
		status, reason := l.call(forged, "GET", "/v1/changes?since=0", nil, nil)
		if status != http.StatusUnauthorized || !strings.Contains(reason, "bad signature") {
			t.Errorf("a tampered token: %d %q, want 401 bad signature", status, reason)
		}
		l.wantAudited(t, mark, "", "", "bad signature")
	})

	if got := l.records(scopeA)[needKey]; got.Revision != before[needKey].Revision {
		t.Errorf("household A's need moved from revision %d to %d", before[needKey].Revision, got.Revision)
	}
}

// subject is a demo account's token subject.
func subject(t *testing.T, username string) string {
	acct, ok := devidp.DemoAccount(username)
	if !ok {
		t.Fatalf("no demo account %q", username)
	}
	return acct.Subject
}

// wantAudited fails unless the audit log, after its first mark entries,
// holds a refusal of subject in scope whose reason contains reason.
func (l *la) wantAudited(t *testing.T, mark int, subject, scope, reason string) {
	t.Helper()
	log := l.audit()
	for _, a := range log[mark:] {
		if a.Outcome == store.OutcomeRefused && a.Subject == subject && a.Scope == scope && strings.Contains(a.Reason, reason) {
			return
		}
	}
	t.Errorf("no refusal of subject %q in scope %q with reason %q in the audit log; new entries: %+v", subject, scope, reason, log[mark:])
}
