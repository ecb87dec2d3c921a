module github.com/eventline/eventline/clients/go

go 1.19

// The versions CI builds against (Debian bookworm's golang-google-grpc-dev and
// golang-google-protobuf-dev, in GOPATH mode: see README.md); with a module proxy, `go mod tidy`
// adds google.golang.org/genproto and the go.sum.
require (
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
)
