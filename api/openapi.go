package api

import _ "embed"

// OpenAPI is the OpenAPI 3.1 document for /v1 (openapi.yaml), for an LA
// that implements the protocol in its own systems. The reference server
// serves it at GET /v1/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
