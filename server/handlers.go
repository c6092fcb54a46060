package server

import (
	"net/http"
	"strconv"

	"github.com/hearth-app/hearth/api"
)

func (h *handler) me(w http.ResponseWriter, r *http.Request, c Caller) error {
	writeJSON(w, r, http.StatusOK, c.Me())
	return nil
}

func (h *handler) enrol(w http.ResponseWriter, r *http.Request, c Caller) error {
	req, err := decodeBody[api.EnrolRequest](w, r)
	if err != nil {
		return err
	}
	me, err := h.svc.Enrol(r.Context(), c, req.Code)
	if err != nil {
		return err
	}
	writeJSON(w, r, http.StatusOK, me)
	return nil
}

func (h *handler) push(w http.ResponseWriter, r *http.Request, c Caller) error {
	req, err := decodeBody[api.PushRequest](w, r)
	if err != nil {
		return err
	}
	resp, err := h.svc.Push(r.Context(), c, req)
	if err != nil {
		return err
	}
	writeJSON(w, r, http.StatusOK, resp)
	return nil
}

func (h *handler) staffPush(w http.ResponseWriter, r *http.Request, c Caller) error {
	req, err := decodeBody[api.PushRequest](w, r)
	if err != nil {
		return err
	}
	resp, err := h.svc.StaffPush(r.Context(), c, req)
	if err != nil {
		return err
	}
	writeJSON(w, r, http.StatusOK, resp)
	return nil
}

func (h *handler) changes(w http.ResponseWriter, r *http.Request, c Caller) error {
	q := r.URL.Query()
	since, err := queryInt(q.Get("since"), 0, 0, 1<<62)
	if err != nil {
		return &Refusal{http.StatusBadRequest, "since " + err.Error()}
	}
	limit, err := queryInt(q.Get("limit"), api.MaxPage, 1, api.MaxPage)
	if err != nil {
		return &Refusal{http.StatusBadRequest, "limit " + err.Error()}
	}
	page, err := h.svc.Changes(r.Context(), c, since, int(limit))
	if err != nil {
		return err
	}
	writeJSON(w, r, http.StatusOK, page)
	return nil
}

func (h *handler) issueCode(w http.ResponseWriter, r *http.Request, c Caller) error {
	req, err := decodeBody[api.EnrolmentCodeRequest](w, r)
	if err != nil {
		return err
	}
	code, err := h.svc.IssueCode(r.Context(), c, req)
	if err != nil {
		return err
	}
	writeJSON(w, r, http.StatusCreated, code)
	return nil
}

func (h *handler) needs(w http.ResponseWriter, r *http.Request, c Caller) error {
	open := false
	if v := r.URL.Query().Get("open"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return &Refusal{http.StatusBadRequest, "open must be true or false"}
		}
		open = b
	}
	page, err := h.svc.Needs(r.Context(), c, r.PathValue("scope"), open)
	if err != nil {
		return err
	}
	writeJSON(w, r, http.StatusOK, page)
	return nil
}

func (h *handler) rules(w http.ResponseWriter, r *http.Request, c Caller) error {
	doc, err := decodeBody[api.RulesDocument](w, r)
	if err != nil {
		return err
	}
	ack, err := h.svc.PublishRules(r.Context(), c, doc)
	if err != nil {
		return err
	}
	writeJSON(w, r, http.StatusOK, api.PushResponse{Results: []api.Ack{ack}})
	return nil
}

// queryInt reads an optional decimal query value between lo and hi.
func queryInt(s string, def, lo, hi int64) (int64, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < lo || n > hi {
		return 0, &Refusal{http.StatusBadRequest, "must be a whole number from " + strconv.FormatInt(lo, 10) + " to " + strconv.FormatInt(hi, 10)}
	}
	return n, nil
}
