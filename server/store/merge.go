package store

import (
	"maps"
	"time"

	"github.com/hearth-app/hearth/api"
)

// record is one stored record as the merge sees it.
type record struct {
	exists   bool
	user     map[string]string
	la       map[string]string
	userAt   time.Time
	laAt     time.Time
	deleted  bool
	revision int64
}

// laCreates are the kinds the LA itself creates (a TSD sign-off, the rules
// file); every other kind starts on the carer's or care leaver's device, so
// the LA can only set its fields on a record that already exists.
var laCreates = map[api.Kind]bool{api.KindSignOff: true, api.KindRules: true}

// merge applies one item to rec. It returns the new record, whether
// anything changed (and so needs a new revision), or a reason to reject
// the item. Within one owner the later write wins: an operation older than
// that owner's last change leaves the record as it is and still counts as
// applied, because the newer state already includes what it meant.
func merge(rec record, it Item) (record, bool, string) {
	op := it.Op
	if it.Owner == api.OwnerLA {
		if !rec.exists && !laCreates[op.Kind] {
			return rec, false, "no such record in this scope: the local authority sets fields only on records the carer or care leaver has sent"
		}
		if rec.deleted {
			return rec, false, "the record was deleted by the carer or care leaver"
		}
		if rec.exists && op.At.Before(rec.laAt) {
			return rec, false, ""
		}
		next := rec
		next.exists = true
		next.la = maps.Clone(rec.la)
		if next.la == nil {
			next.la = map[string]string{}
		}
		if next.user == nil {
			next.user = map[string]string{}
		}
		maps.Copy(next.la, op.Fields)
		next.laAt = op.At
		return next, true, ""
	}
	if rec.exists && op.At.Before(rec.userAt) {
		return rec, false, ""
	}
	next := rec
	next.exists = true
	next.userAt = op.At
	if op.Op == api.OpDelete {
		next.deleted = true
		next.user = map[string]string{}
		next.la = map[string]string{}
		return next, true, ""
	}
	if rec.deleted || !rec.exists {
		next.user = map[string]string{}
		next.la = map[string]string{}
		next.laAt = time.Time{}
	} else {
		next.user = maps.Clone(rec.user)
	}
	next.deleted = false
	maps.Copy(next.user, op.Fields)
	return next, true, ""
}

// change turns a stored record into what a pull sends: tombstones carry
// no fields, live records carry both owners' fields.
func change(scope string, kind api.Kind, id string, rec record) api.Change {
	c := api.Change{Revision: rec.revision, Scope: scope, Kind: kind, ID: id, Deleted: rec.deleted, CarerAt: rec.userAt, LAAt: rec.laAt}
	if !rec.deleted {
		c.Fields = make(map[string]string, len(rec.user)+len(rec.la))
		maps.Copy(c.Fields, rec.user)
		maps.Copy(c.Fields, rec.la)
	}
	return c
}
