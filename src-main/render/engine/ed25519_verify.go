package main

// `ed25519verify`: many Ed25519 signatures checked in one frame, for the catalog's first sight
// of a log (src-main/catalog/verify-worker.ts). Go's crypto/ed25519 verifies about twice as fast
// as Node's crypto.verify on the same machine. Node keeps the authoritative bytes: it parses,
// encodes canonically and checks each event's id, and sends here only what to verify.
//
//	request: {"count": N}, blob: N items of
//	    [u32 big-endian message length][u8 signature length][public key, 32 bytes][signature][message]
//	response: {"count": N}, stdout: a bitmap of ceil(N/8) bytes, bit i (byte i/8, bit i%8 from
//	    the least significant) set when item i's signature verifies.
//
// Both crypto/ed25519 and OpenSSL (Node) are RFC 8032 verifiers without the cofactor that
// require s < L and compare R's bytes; test/unit/catalog/native-verify.test.ts runs a table of
// edge cases through both.

import (
	"crypto/ed25519"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
)

func init() {
	operations["ed25519verify"] = runEd25519Verify
}

type ed25519Request struct {
	Count int `json:"count"`
}

func runEd25519Verify(request []byte, blob []byte, out io.Writer, res *response) error {
	var req ed25519Request
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	if req.Count < 0 || req.Count > len(blob)/(4+1+ed25519.PublicKeySize) {
		return fmt.Errorf("ed25519verify: %d items cannot fit in %d bytes", req.Count, len(blob))
	}
	bits := make([]byte, (req.Count+7)/8)
	rest := blob
	for i := 0; i < req.Count; i++ {
		if len(rest) < 5+ed25519.PublicKeySize {
			return fmt.Errorf("ed25519verify: item %d is cut short", i)
		}
		msgLen := int(binary.BigEndian.Uint32(rest))
		sigLen := int(rest[4])
		rest = rest[5:]
		if len(rest) < ed25519.PublicKeySize+sigLen+msgLen {
			return fmt.Errorf("ed25519verify: item %d is cut short", i)
		}
		key := ed25519.PublicKey(rest[:ed25519.PublicKeySize])
		sig := rest[ed25519.PublicKeySize : ed25519.PublicKeySize+sigLen]
		msg := rest[ed25519.PublicKeySize+sigLen : ed25519.PublicKeySize+sigLen+msgLen]
		rest = rest[ed25519.PublicKeySize+sigLen+msgLen:]
		// Verify answers false for a signature that is not 64 bytes
		if ed25519.Verify(key, msg, sig) {
			bits[i/8] |= 1 << (i % 8)
		}
	}
	if len(rest) != 0 {
		return fmt.Errorf("ed25519verify: %d bytes after the last item", len(rest))
	}
	res.Count = req.Count
	_, err := out.Write(bits)
	return err
}
