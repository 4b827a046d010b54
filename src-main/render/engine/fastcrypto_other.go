//go:build !(js && wasm)

package main

import "text/template"

func fastCryptoFuncs() template.FuncMap { return template.FuncMap{} }
