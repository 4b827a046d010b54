package rsakeys

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// checkKey asserts what crypto/rsa.GenerateKey guarantees and FIPS 186-5 A.1.1/A.1.3 asks.
func checkKey(t *testing.T, k *rsa.PrivateKey, bits int) {
	t.Helper()
	if err := k.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if k.N.BitLen() != bits || k.Size() != bits/8 {
		t.Fatalf("modulus has %d bits, want %d", k.N.BitLen(), bits)
	}
	if k.E != 65537 || len(k.Primes) != 2 {
		t.Fatalf("e = %d with %d primes", k.E, len(k.Primes))
	}
	p, q := k.Primes[0], k.Primes[1]
	one := big.NewInt(1)
	for _, f := range []*big.Int{p, q} {
		if f.BitLen() != bits/2 || f.Bit(bits/2-2) != 1 {
			t.Fatalf("prime of %d bits (top two bits set?), want %d", f.BitLen(), bits/2)
		}
		if !f.ProbablyPrime(20) {
			t.Fatalf("factor %x is not prime", f)
		}
		if new(big.Int).GCD(nil, nil, new(big.Int).Sub(f, one), big.NewInt(65537)).Cmp(one) != 0 {
			t.Fatalf("e divides p-1")
		}
	}
	if new(big.Int).Mul(p, q).Cmp(k.N) != 0 {
		t.Fatal("N != p·q")
	}
	if new(big.Int).Sub(p, q).CmpAbs(new(big.Int).Lsh(one, uint(bits/2-100))) <= 0 {
		t.Fatal("|p-q| too small")
	}
	// e·d ≡ 1 (mod lcm(p−1, q−1)) and d > 2^(nlen/2)
	pm1, qm1 := new(big.Int).Sub(p, one), new(big.Int).Sub(q, one)
	lambda := new(big.Int).Mul(pm1, new(big.Int).Quo(qm1, new(big.Int).GCD(nil, nil, pm1, qm1)))
	if new(big.Int).Mod(new(big.Int).Mul(big.NewInt(65537), k.D), lambda).Cmp(one) != 0 {
		t.Fatal("e·d != 1 mod λ(N)")
	}
	if k.D.BitLen() <= bits/2 {
		t.Fatal("d too small")
	}
	// it signs and verifies, and survives PKCS#1 as sprig encodes it
	digest := make([]byte, 32)
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, 5 /* crypto.SHA256 */, digest)
	if err != nil {
		t.Fatal(err)
	}
	if err := rsa.VerifyPKCS1v15(&k.PublicKey, 5, digest, sig); err != nil {
		t.Fatal(err)
	}
	back, err := x509.ParsePKCS1PrivateKey(x509.MarshalPKCS1PrivateKey(k))
	if err != nil || !back.Equal(k) {
		t.Fatalf("PKCS#1 round trip: %v", err)
	}
}

func TestGenerate2048(t *testing.T) {
	seen := map[string]bool{}
	for range 12 {
		k, err := Generate(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		checkKey(t, k, 2048)
		for _, f := range k.Primes {
			if seen[f.String()] {
				t.Fatal("a prime came twice")
			}
			seen[f.String()] = true
		}
	}
}

func TestGenerate4096(t *testing.T) {
	k, err := Generate(rand.Reader, 4096)
	if err != nil {
		t.Fatal(err)
	}
	checkKey(t, k, 4096)
}

func TestGenerateOtherSizes(t *testing.T) {
	for _, bits := range []int{1024, 3072} {
		k, err := Generate(rand.Reader, bits)
		if err != nil {
			t.Fatal(err)
		}
		checkKey(t, k, bits)
	}
	if _, err := Generate(rand.Reader, 1023); err == nil {
		t.Fatal("odd size accepted")
	}
}

// The sieve must skip exactly the numbers a small prime divides and those ≡ 1 (mod 65537), so
// it never skips a prime that could serve: checked number by number over the windows of random
// starts against math/big.
func TestSieveSkipsExactlyTheRightNumbers(t *testing.T) {
	smallPrimes, groups := sievePrimes()
	residues := make([]uint32, len(smallPrimes))
	var skip [window]bool
	buf := make([]byte, 128)
	// n has an odd prime factor below sieveBound ⇔ gcd(n, product of those primes) ≠ 1
	primorial := big.NewInt(1)
	for _, sp := range smallPrimes {
		primorial.Mul(primorial, big.NewInt(int64(sp)))
	}
	one := big.NewInt(1)
	primes := 0
	for range 2 {
		rand.Read(buf)
		buf[len(buf)-1] |= 1
		start := new(big.Int).SetBytes(buf)
		sieve(start, smallPrimes, groups, residues, &skip)
		for i, sp := range smallPrimes {
			if want := new(big.Int).Mod(start, big.NewInt(int64(sp))).Uint64(); uint64(residues[i]) != want {
				t.Fatalf("residue mod %d = %d, want %d", sp, residues[i], want)
			}
		}
		for k := range window {
			n := new(big.Int).Add(start, big.NewInt(int64(2*k)))
			want := new(big.Int).Mod(n, big.NewInt(65537)).Int64() == 1 ||
				new(big.Int).GCD(nil, nil, n, new(big.Int).Mod(primorial, n)).Cmp(one) != 0
			if skip[k] != want {
				t.Fatalf("start+%d: skipped %v, want %v", 2*k, skip[k], want)
			}
			if !skip[k] && n.ProbablyPrime(10) {
				primes++
			}
		}
	}
	if primes == 0 {
		t.Fatal("no prime found in the windows")
	}
}

// The certificates sprig makes from these keys (the *WithKey functions Berth's engine calls):
// they parse, hold the key, and the signed one verifies against its CA.
func TestSprigCertificatesFromKeys(t *testing.T) {
	keyPEM := func() string {
		k, err := Generate(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
	}
	tpl := template.Must(template.New("t").Funcs(sprig.TxtFuncMap()).Parse(
		`{{ $ca := genCAWithKey "berth-ca" 365 .ca }}{{ $c := genSignedCertWithKey "svc" (list "10.0.0.1") (list "svc.example") 365 $ca .leaf }}` +
			`{{ $s := genSelfSignedCertWithKey "self" nil nil 30 .self }}{{ $ca.Cert }}|{{ $c.Cert }}|{{ $c.Key }}|{{ $s.Cert }}`))
	var out strings.Builder
	leaf := keyPEM()
	if err := tpl.Execute(&out, map[string]string{"ca": keyPEM(), "leaf": leaf, "self": keyPEM()}); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(out.String(), "|")
	parse := func(s string) *x509.Certificate {
		block, _ := pem.Decode([]byte(s))
		if block == nil {
			t.Fatalf("no PEM in %q", s)
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ca, cert, self := parse(parts[0]), parse(parts[1]), parse(parts[3])
	if parts[2] != leaf {
		t.Fatal("genSignedCertWithKey did not keep the key")
	}
	if err := cert.CheckSignatureFrom(ca); err != nil {
		t.Fatalf("signed certificate does not verify against its CA: %v", err)
	}
	if err := self.CheckSignature(self.SignatureAlgorithm, self.RawTBSCertificate, self.Signature); err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	if _, err := cert.Verify(x509.VerifyOptions{Roots: roots, DNSName: "svc.example"}); err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(leaf))
	k, _ := x509.ParsePKCS1PrivateKey(block.Bytes)
	if !k.PublicKey.Equal(cert.PublicKey) || cert.PublicKey.(*rsa.PublicKey).N.BitLen() != 2048 {
		t.Fatal("certificate does not carry its 2048-bit key")
	}
}
