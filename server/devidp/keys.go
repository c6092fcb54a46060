package devidp

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"
)

// signingKey is the provider's token signing key, generated at Start and
// never written anywhere: a restarted provider has a new key, so tokens
// from an earlier run stop verifying. ES256 keeps start-up fast; any
// verifier that reads the algorithm from discovery accepts it.
type signingKey struct {
	id  string
	key *ecdsa.PrivateKey
}

func newSigningKey() (signingKey, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return signingKey{}, fmt.Errorf("devidp: generating the signing key: %w", err)
	}
	return signingKey{id: rand.Text(), key: k}, nil
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.ES256 }
func (k *signingKey) Key() any                                    { return k.key }
func (k *signingKey) ID() string                                  { return k.id }

// publicKey is the half of the signing key published at the JWKS endpoint.
type publicKey struct{ k signingKey }

func (p publicKey) ID() string                         { return p.k.id }
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.ES256 }
func (p publicKey) Use() string                        { return "sig" }
func (p publicKey) Key() any                           { return &p.k.key.PublicKey }
