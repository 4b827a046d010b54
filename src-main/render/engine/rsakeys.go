package main

import (
	"crypto/rand"
	"crypto/rsa"

	"berth.dev/helm-engine/internal/rsakeys"
	"helm.sh/helm/v4/pkg/engine"
)

// sprig's genCA, genSelfSignedCert, genSignedCert and genPrivateKey "rsa" get their keys from
// internal/rsakeys: Go's checks and Miller–Rabin rounds, with an incremental sieve before them
// (overlay/helm-engine.go.overlay, GenerateRSAKey).
func init() {
	engine.GenerateRSAKey = func(bits int) (*rsa.PrivateKey, error) { return rsakeys.Generate(rand.Reader, bits) }
}
