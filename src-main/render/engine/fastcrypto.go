//go:build js && wasm

package main

// RSA key generation is the one thing Helm's template functions do that WebAssembly makes
// painfully slow: Go's big-number code has no assembly there, and one 2048-bit key (genCA,
// genSelfSignedCert, genSignedCert) takes seconds where native Helm needs milliseconds.
// These overrides let the host (Node's OpenSSL) generate the key, then hand it to sprig's own
// "...WithKey" functions, so certificates are built exactly as sprig builds them. Keys and
// certificates are random in Helm too; only how the random key is drawn changes.

import (
	"errors"
	"fmt"
	"reflect"
	"syscall/js"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

func hostRSAKey(bits int) (string, bool) {
	host := js.Global().Get("__berthNodeCrypto")
	if host.Type() != js.TypeObject {
		return "", false
	}
	pem := host.Call("rsaPrivateKeyPem", bits)
	if pem.Type() != js.TypeString {
		return "", false
	}
	return pem.String(), true
}

// callSprig calls a sprig function through reflection, so arguments of sprig's unexported
// certificate type pass through unchanged.
func callSprig(f any, args ...any) (any, error) {
	fv := reflect.ValueOf(f)
	ft := fv.Type()
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		v := reflect.ValueOf(a)
		if !v.IsValid() {
			v = reflect.Zero(ft.In(i))
		}
		if !v.Type().AssignableTo(ft.In(i)) {
			return nil, fmt.Errorf("wrong type for value; expected %s; got %s", ft.In(i), v.Type())
		}
		in[i] = v
	}
	out := fv.Call(in)
	if len(out) == 2 && !out[1].IsNil() {
		return out[0].Interface(), out[1].Interface().(error)
	}
	return out[0].Interface(), nil
}

func fastCryptoFuncs() template.FuncMap {
	s := sprig.TxtFuncMap()
	withKey := func(name string, generated string, args ...any) (any, error) {
		return callSprig(s[name], append(args, generated)...)
	}
	funcs := template.FuncMap{}
	if js.Global().Get("__berthNodeCrypto").Type() != js.TypeObject {
		return funcs
	}
	key := func(bits int) (string, error) {
		pem, ok := hostRSAKey(bits)
		if !ok {
			return "", errors.New("error generating rsa key")
		}
		return pem, nil
	}
	funcs["genCA"] = func(cn string, daysValid int) (any, error) {
		pem, err := key(2048)
		if err != nil {
			return nil, err
		}
		return withKey("genCAWithKey", pem, cn, daysValid)
	}
	funcs["genSelfSignedCert"] = func(cn string, ips []any, alternateDNS []any, daysValid int) (any, error) {
		pem, err := key(2048)
		if err != nil {
			return nil, err
		}
		return withKey("genSelfSignedCertWithKey", pem, cn, ips, alternateDNS, daysValid)
	}
	funcs["genSignedCert"] = func(cn string, ips []any, alternateDNS []any, daysValid int, ca any) (any, error) {
		pem, err := key(2048)
		if err != nil {
			return nil, err
		}
		return withKey("genSignedCertWithKey", pem, cn, ips, alternateDNS, daysValid, ca)
	}
	genPrivateKey := s["genPrivateKey"].(func(string) string)
	funcs["genPrivateKey"] = func(typ string) string {
		if typ == "" || typ == "rsa" {
			if pem, ok := hostRSAKey(4096); ok {
				return pem
			}
		}
		return genPrivateKey(typ)
	}
	return funcs
}
