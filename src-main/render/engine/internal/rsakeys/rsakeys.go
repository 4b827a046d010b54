// Package rsakeys makes RSA private keys for sprig's certificate functions (genCA,
// genSelfSignedCert, genSignedCert, genPrivateKey "rsa") faster than crypto/rsa.GenerateKey,
// with the same checks and the same number of Miller–Rabin rounds as Go's own FIPS 186-5 key
// generation.
//
// Go's generator (crypto/internal/fips140/rsa/keygen.go) draws a fresh random odd number for
// every candidate, sets up Montgomery arithmetic for it, divides it by 255 small primes and runs
// Miller–Rabin on the ~15 % that survive: ~355 candidates and ~54 constant-time exponentiations
// per 1024-bit prime. This one draws one random odd start, computes its remainders by every
// odd prime below sieveBound once, and walks the odd numbers from there, skipping every offset
// a small prime divides (OpenSSL's incremental search): ~32 candidates reach Miller–Rabin, each
// a math/big exponentiation. Each prime then passes Go's round count of Miller–Rabin with random
// bases (FIPS 186-5 B.3.1 and Table B.1: 5 rounds for 1024-bit primes, 4 from 1345 bits).
//
// The key is what Go would make: p and q of bits/2 bits each with their top two bits set (so
// N has exactly `bits` bits), e = 65537 coprime with p−1 and q−1, |p−q| > 2^(bits/2−100),
// d = e⁻¹ mod lcm(p−1, q−1) with d > 2^(bits/2) (FIPS 186-5 A.1.1), the CRT values precomputed,
// and the key checked by crypto/rsa's Validate before it is returned.
package rsakeys

import (
	"crypto/rsa"
	"errors"
	"io"
	"math/big"
	"math/bits"
	"sync"
)

// publicExponent is the e of every key, as crypto/rsa.GenerateKey uses.
const publicExponent = 65537

// sieveBound: the odd primes below it are sieved out before Miller–Rabin: ~32 candidates per
// 1024-bit prime reach it (0.56·710/ln 2^18). A higher bound removes a few more but costs more
// remainders per start; 2^18 measured faster than 2^16, 2^17 and 2^20.
const sieveBound = 1 << 18

// window is how many odd numbers after one random start are searched (a 1024-bit prime is
// found within 2048 odd steps but for a ~0.3 % chance; then a new random start is drawn).
const window = 2048

// sievePrimes are the odd primes below sieveBound and groups of them whose product fits in 64
// bits, so one word-by-word remainder serves up to three; made at the first key (~1 ms), so
// commands that make none do not pay for it.
var sievePrimes = sync.OnceValues(func() ([]uint32, []group) { return primesBelow(sieveBound) })

type group struct {
	from, to int    // smallPrimes[from:to]
	product  uint64 // their product
}

func primesBelow(limit int) ([]uint32, []group) {
	composite := make([]bool, limit)
	var ps []uint32
	for i := 3; i < limit; i += 2 {
		if composite[i] {
			continue
		}
		ps = append(ps, uint32(i))
		for j := i * i; j < limit; j += 2 * i {
			composite[j] = true
		}
	}
	var gs []group
	for i := 0; i < len(ps); {
		g := group{from: i, product: 1}
		for i < len(ps) {
			hi, lo := bits.Mul64(g.product, uint64(ps[i]))
			if hi != 0 {
				break
			}
			g.product = lo
			i++
		}
		g.to = i
		gs = append(gs, g)
	}
	return ps, gs
}

// Generate returns a new RSA private key with a modulus of `bits` bits (an even number, at
// least 1024) and e = 65537, reading randomness from random (crypto/rand.Reader in Berth).
func Generate(random io.Reader, bits int) (*rsa.PrivateKey, error) {
	if bits < 1024 || bits%2 != 0 {
		return nil, errors.New("rsakeys: key size must be even and at least 1024 bits")
	}
	half := bits / 2
	e := big.NewInt(publicExponent)
	one := big.NewInt(1)
	for {
		p, err := randomPrime(random, half)
		if err != nil {
			return nil, err
		}
		q, err := randomPrime(random, half)
		if err != nil {
			return nil, err
		}
		// FIPS 186-5 A.1.3 step 5.5: |p − q| > 2^(nlen/2 − 100)
		if new(big.Int).Sub(p, q).CmpAbs(new(big.Int).Lsh(one, uint(half-100))) <= 0 {
			continue
		}
		n := new(big.Int).Mul(p, q)
		if n.BitLen() != bits {
			return nil, errors.New("rsakeys: internal error: modulus size incorrect")
		}
		pm1, qm1 := new(big.Int).Sub(p, one), new(big.Int).Sub(q, one)
		gcd := new(big.Int).GCD(nil, nil, pm1, qm1)
		lambda := new(big.Int).Mul(pm1, new(big.Int).Quo(qm1, gcd))
		d := new(big.Int).ModInverse(e, lambda)
		// the sieve kept p, q ≢ 1 (mod 65537), so e is invertible; d > 2^(nlen/2) (A.1.1)
		if d == nil || d.BitLen() <= half {
			continue
		}
		key := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: publicExponent}, D: d, Primes: []*big.Int{p, q}}
		key.Precompute()
		if err := key.Validate(); err != nil {
			return nil, err
		}
		return key, nil
	}
}

// randomPrime returns a random prime of exactly `bits` bits with its top two bits set and
// p ≢ 1 (mod 65537), so that e = 65537 is coprime with p − 1.
func randomPrime(random io.Reader, bits int) (*big.Int, error) {
	smallPrimes, groups := sievePrimes()
	buf := make([]byte, (bits+7)/8)
	rounds := millerRabinRounds(bits)
	residues := make([]uint32, len(smallPrimes))
	var skip [window]bool
	start, candidate, step := new(big.Int), new(big.Int), new(big.Int)
	for {
		if _, err := io.ReadFull(random, buf); err != nil {
			return nil, err
		}
		excess := len(buf)*8 - bits
		buf[0] &= 0xff >> excess
		// the top two bits (so p·q has all its bits), as Go's keygen sets them
		if excess < 7 {
			buf[0] |= 0xc0 >> excess
		} else {
			buf[0] |= 0x01
			buf[1] |= 0x80
		}
		buf[len(buf)-1] |= 1
		start.SetBytes(buf)
		sieve(start, smallPrimes, groups, residues, &skip)
		for k := uint64(0); k < window; k++ {
			if skip[k] {
				continue
			}
			candidate.Add(start, step.SetUint64(2*k))
			if candidate.BitLen() != bits { // carried past `bits` bits: draw a new start
				break
			}
			prime, err := millerRabin(random, candidate, rounds)
			if err != nil {
				return nil, err
			}
			if prime {
				return candidate, nil
			}
		}
	}
}

// sieve sets skip[k] for every k < window where start + 2k is divisible by a small prime or
// ≡ 1 (mod 65537) (e = 65537 would then divide p − 1).
func sieve(start *big.Int, smallPrimes []uint32, groups []group, residues []uint32, skip *[window]bool) {
	remainders(start, smallPrimes, groups, residues)
	clear(skip[:])
	for i, sp := range smallPrimes {
		// start + 2k ≡ 0 (mod sp)  ⇔  k ≡ −r·2⁻¹ (mod sp), 2⁻¹ = (sp+1)/2
		p := uint64(sp)
		k := (p - uint64(residues[i])) % p * ((p + 1) / 2) % p
		for ; k < window; k += p {
			skip[k] = true
		}
	}
	// start + 2k ≡ 1 (mod 65537)  ⇔  k ≡ (1 − r)·2⁻¹ (mod 65537)
	const e = publicExponent
	r := modWord(start, e)
	for k := (1 + e - r) % e * ((e + 1) / 2) % e; k < window; k += e {
		skip[k] = true
	}
}

// remainders sets residues[i] = n mod smallPrimes[i], one 64-bit remainder per group.
func remainders(n *big.Int, smallPrimes []uint32, groups []group, residues []uint32) {
	words := n.Bits()
	for _, g := range groups {
		var r uint64
		for i := len(words) - 1; i >= 0; i-- {
			r = bits.Rem64(r, uint64(words[i]), g.product)
		}
		for i := g.from; i < g.to; i++ {
			residues[i] = uint32(r % uint64(smallPrimes[i]))
		}
	}
}

func modWord(n *big.Int, m uint64) uint64 {
	words := n.Bits()
	var r uint64
	for i := len(words) - 1; i >= 0; i-- {
		r = bits.Rem64(r, uint64(words[i]), m)
	}
	return r
}

// millerRabinRounds is Go's own table (crypto/internal/fips140/rsa/keygen.go, after BoringSSL)
// for a randomly chosen candidate of that many bits.
func millerRabinRounds(bits int) int {
	switch {
	case bits >= 3747:
		return 3
	case bits >= 1345:
		return 4
	case bits >= 476:
		return 5
	case bits >= 400:
		return 6
	case bits >= 347:
		return 7
	case bits >= 308:
		return 8
	case bits >= 55:
		return 27
	default:
		return 34
	}
}

// millerRabin runs `rounds` Miller–Rabin tests of the odd number w with random bases b,
// 1 < b < w − 1 (FIPS 186-5 B.3.1), and reports false at the first one that proves w composite.
func millerRabin(random io.Reader, w *big.Int, rounds int) (bool, error) {
	one := big.NewInt(1)
	wm1 := new(big.Int).Sub(w, one)
	a := wm1.TrailingZeroBits()
	m := new(big.Int).Rsh(wm1, a)
	buf := make([]byte, (w.BitLen()+7)/8)
	excess := len(buf)*8 - w.BitLen()
	b, y := new(big.Int), new(big.Int)
	for rounds > 0 {
		if _, err := io.ReadFull(random, buf); err != nil {
			return false, err
		}
		buf[0] &= 0xff >> excess
		b.SetBytes(buf)
		if b.Cmp(one) <= 0 || b.Cmp(wm1) >= 0 {
			continue
		}
		y.Exp(b, m, w)
		if !(y.Cmp(one) == 0 || y.Cmp(wm1) == 0) {
			witness := true
			for j := uint(1); j < a; j++ {
				y.Mul(y, y).Mod(y, w)
				if y.Cmp(wm1) == 0 {
					witness = false
					break
				}
				if y.Cmp(one) == 0 {
					break
				}
			}
			if witness {
				return false, nil
			}
		}
		rounds--
	}
	return true, nil
}
