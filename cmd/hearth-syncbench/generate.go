package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/hearth-app/hearth/api"
)

// words make the generated text: ordinary words from daily recordings,
// so gzip sees text of the kind a carer writes rather than noise or
// repetition.
var words = strings.Fields(`today school tired happy swimming dinner homework contact mum dad nan
	social worker visit dentist doctor appointment football club friends sleepover quiet upset
	calm bedtime breakfast reading maths teacher said well done proud worried laughed played park
	bike cinema cooked pasta together talked about feelings behaviour better week weekend trip
	bus late early rain sunny walk dog cat birthday party present phone screen time agreed rules
	medication nosebleed headache asleep woke night shower clean room tidy helped washing up`)

// sentence is n words from rng, capitalised, ending in a full stop.
func sentence(rng *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[rng.IntN(len(words))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// paragraph is between lo and hi words in sentences of 6 to 14 words.
func paragraph(rng *rand.Rand, lo, hi int) string {
	n := lo + rng.IntN(hi-lo+1)
	var parts []string
	for n > 0 {
		k := min(n, 6+rng.IntN(9))
		parts = append(parts, sentence(rng, k))
		n -= k
	}
	return strings.Join(parts, " ")
}

// household returns n carer operations for one household, as its devices
// would push them: three children first, then about 80% daily
// recordings, 10% milestones, 5% needs and 5% training records, spread
// over ten years up to today.
func household(rng *rand.Rand, n int, today time.Time) []api.Operation {
	at := today
	op := func(kind api.Kind, fields map[string]string) api.Operation {
		at = at.Add(time.Millisecond)
		return api.Operation{IdempotencyKey: uuid.NewString(), Kind: kind, ID: uuid.NewString(), Op: api.OpUpsert, At: at, Fields: fields}
	}
	day := func() string { return api.Date(today.AddDate(0, 0, -rng.IntN(3650))) }
	ops := make([]api.Operation, 0, n)
	var children []string
	for i, name := range []string{"Leah", "Tom", "Amara"} {
		c := op(api.KindChild, map[string]string{
			"name": name + " Example", "preferred_name": "", "date_of_birth": api.Date(today.AddDate(-6-3*i, -i, 0)),
			"arrangement": "foster", "placement_start": api.Date(today.AddDate(-10+i, 0, 0)), "long_term": "true",
			"school": "Example Primary School", "gp": "Riverside Surgery", "dentist": "High Street Dental",
		})
		ops = append(ops, c)
		children = append(children, c.ID)
	}
	child := func() string { return children[rng.IntN(len(children))] }
	missions := []string{"relationships", "education", "home", "work", "health"}
	tags := []string{"", "health", "education", "family_time", "behaviour", "achievement", "education,achievement"}
	for len(ops) < n {
		switch r := rng.IntN(100); {
		case r < 80:
			ops = append(ops, op(api.KindRecording, map[string]string{
				"child_id": child(), "day": day(), "text": paragraph(rng, 25, 90),
				"tags": tags[rng.IntN(len(tags))], "significant": strconv.FormatBool(rng.IntN(200) == 0),
			}))
		case r < 90:
			status, achieved := "planned", ""
			if rng.IntN(2) == 0 {
				status, achieved = "achieved", day()
			}
			ops = append(ops, op(api.KindMilestone, map[string]string{
				"child_id": child(), "mission": missions[rng.IntN(len(missions))], "title": sentence(rng, 4),
				"status": status, "target_date": day(), "achieved_date": achieved, "notes": paragraph(rng, 5, 30),
			}))
		case r < 95:
			ops = append(ops, op(api.KindNeed, map[string]string{
				"child_id": child(), "category": "respite", "description": paragraph(rng, 10, 40), "urgency": "routine",
			}))
		default:
			ops = append(ops, op(api.KindTraining, map[string]string{
				"title": sentence(rng, 3), "provider": "Borough training team", "date": day(),
				"hours": strconv.Itoa(1 + rng.IntN(6)), "format": "course", "standards": fmt.Sprint(1 + rng.IntN(7)),
				"evidence": paragraph(rng, 10, 40),
			}))
		}
	}
	return ops
}
