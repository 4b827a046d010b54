package rsakeys

import (
	"crypto/rand"
	"crypto/rsa"
	"testing"
)

func BenchmarkGenerate2048(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(rand.Reader, 2048); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStdlibGenerate2048(b *testing.B) {
	for b.Loop() {
		if _, err := rsa.GenerateKey(rand.Reader, 2048); err != nil {
			b.Fatal(err)
		}
	}
}
