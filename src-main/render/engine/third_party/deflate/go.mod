module berth.dev/deflate

go 1.25.0
