package api

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type openAPIDoc struct {
	OpenAPI     string                                 `yaml:"openapi"`
	Paths       map[string]map[string]any              `yaml:"paths"`
	FieldOwners map[string]map[string]string           `yaml:"x-field-owners"`
	Components  struct{ Schemas map[string]schemaDoc } `yaml:"components"`
}

type schemaDoc struct {
	Required   []string       `yaml:"required"`
	Properties map[string]any `yaml:"properties"`
	Enum       []string       `yaml:"enum"`
}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := yaml.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatalf("openapi.yaml is not valid YAML: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	return doc
}

// Every endpoint listed in doc.go is in the document, with its method.
func TestOpenAPIHasEveryEndpoint(t *testing.T) {
	doc := loadOpenAPI(t)
	want := map[string]string{
		"/v1/me": "get", "/v1/enrol": "post", "/v1/push": "post", "/v1/changes": "get",
		"/v1/staff/enrolments": "post", "/v1/staff/scopes/{scope}/needs": "get",
		"/v1/staff/push": "post", "/v1/staff/rules": "put",
	}
	for path, method := range want {
		if _, ok := doc.Paths[path][method]; !ok {
			t.Errorf("openapi.yaml lacks %s %s", strings.ToUpper(method), path)
		}
	}
}

// The document's field owners are exactly Fields in schema.go, so an LA
// reading the document learns the same rules the server enforces.
func TestOpenAPIFieldOwnersMatchSchema(t *testing.T) {
	doc := loadOpenAPI(t)
	got := map[Kind]map[string]Owner{}
	for kind, fields := range doc.FieldOwners {
		got[Kind(kind)] = map[string]Owner{}
		for f, o := range fields {
			got[Kind(kind)][f] = Owner(o)
		}
	}
	if !reflect.DeepEqual(got, Fields) {
		t.Errorf("x-field-owners = %v\nwant Fields = %v", got, Fields)
	}
	var kinds []string
	for k := range Fields {
		kinds = append(kinds, string(k))
	}
	slices.Sort(kinds)
	enum := slices.Sorted(slices.Values(doc.Components.Schemas["Kind"].Enum))
	if !slices.Equal(kinds, enum) {
		t.Errorf("Kind enum = %v, want %v", enum, kinds)
	}
}

// Each wire type's JSON names match its schema's properties.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	doc := loadOpenAPI(t)
	types := map[string]any{
		"Me": Me{}, "EnrolRequest": EnrolRequest{}, "EnrolmentCodeRequest": EnrolmentCodeRequest{},
		"EnrolmentCode": EnrolmentCode{}, "Operation": Operation{}, "PushRequest": PushRequest{},
		"Ack": Ack{}, "PushResponse": PushResponse{}, "Change": Change{}, "ChangesPage": ChangesPage{},
		"RulesDocument": RulesDocument{}, "Error": Error{},
	}
	for name, v := range types {
		s, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("openapi.yaml has no schema %s", name)
			continue
		}
		var fields []string
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
			fields = append(fields, tag)
		}
		slices.Sort(fields)
		props := slices.Sorted(func(yield func(string) bool) {
			for p := range s.Properties {
				if !yield(p) {
					return
				}
			}
		})
		if !slices.Equal(fields, props) {
			t.Errorf("schema %s has properties %v, the Go type has %v", name, props, fields)
		}
		for _, r := range s.Required {
			if !slices.Contains(fields, r) {
				t.Errorf("schema %s requires %q, which the Go type lacks", name, r)
			}
		}
	}
}
