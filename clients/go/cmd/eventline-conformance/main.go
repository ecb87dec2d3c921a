// Command eventline-conformance runs clients/conformance.json against a server with the generated
// Go code, as the Node and Python clients do. Usage: eventline-conformance [-target host:port] file
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/eventline/eventline/clients/go"
	"github.com/eventline/eventline/clients/go/eventlinev1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

type scenario struct {
	Steps []json.RawMessage `json:"steps"`
}

type step struct {
	Op                  string          `json:"op"`
	Stream              string          `json:"stream"`
	Group               string          `json:"group"`
	ExpectedVersion     json.RawMessage `json:"expected_version"`
	Events              []eventData     `json:"events"`
	FromPosition        string          `json:"from_position"`
	MaxCount            uint64          `json:"max_count"`
	Settle              []string        `json:"settle"`
	SaveFirstPositionAs string          `json:"save_first_position_as"`
	Expect              expectation     `json:"expect"`
	ExpectError         *expectedError  `json:"expect_error"`
}

type eventData struct {
	EventID string `json:"event_id"`
	Type    string `json:"type"`
	Data    string `json:"data"`
}

type expectation struct {
	FirstVersion *uint64  `json:"first_version"`
	LastVersion  *uint64  `json:"last_version"`
	Deduplicated *bool    `json:"deduplicated"`
	Versions     []uint64 `json:"versions"`
	Types        []string `json:"types"`
	Data         []string `json:"data"`
	Streams      []string `json:"streams"`
	Parked       *uint64  `json:"parked"`
	Pending      *uint64  `json:"pending"`
}

type expectedError struct {
	Code     codes.Code        `json:"code"` // grpc-go reads the canonical names ("ABORTED")
	Reason   string            `json:"reason"`
	Metadata map[string]string `json:"metadata"`
}

type runner struct {
	store  eventlinev1.EventStoreServiceClient
	groups eventlinev1.ConsumerGroupServiceClient
	names  map[string]string // {stream}, {group} and saved values, by placeholder
}

func main() {
	target := flag.String("target", envOr("EVENTLINE_TARGET", "127.0.0.1:50051"), "the server's host:port")
	flag.Parse()
	if flag.NArg() != 1 {
		fail("usage: eventline-conformance [-target host:port] conformance.json")
	}
	text, err := os.ReadFile(flag.Arg(0))
	check(err)
	var s scenario
	check(json.Unmarshal(text, &s))
	conn, err := grpc.Dial(*target, grpc.WithInsecure())
	check(err)
	defer conn.Close()
	suffix := randomSuffix()
	r := runner{
		store:  eventlinev1.NewEventStoreServiceClient(conn),
		groups: eventlinev1.NewConsumerGroupServiceClient(conn),
		names:  map[string]string{"{stream}": "conformance_go" + suffix + "-1", "{group}": "conformance-go-" + suffix},
	}
	for i, raw := range s.Steps {
		var st step
		check(json.Unmarshal([]byte(r.substitute(string(raw))), &st))
		if err := r.run(st); err != nil {
			fail(fmt.Sprintf("step %d (%s): %v", i+1, st.Op, err))
		}
		fmt.Printf("ok  step %d: %s\n", i+1, st.Op)
	}
	fmt.Printf("go conformance: %d steps passed against %s\n", len(s.Steps), *target)
}

// substitute fills the placeholders of a step's JSON text with JSON-escaped values.
func (r *runner) substitute(text string) string {
	for placeholder, value := range r.names {
		escaped, _ := json.Marshal(value)
		text = strings.ReplaceAll(text, placeholder, string(escaped[1:len(escaped)-1]))
	}
	return text
}

func (r *runner) run(st step) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	switch st.Op {
	case "append":
		return r.append(ctx, st)
	case "read_stream":
		return r.read(ctx, &eventlinev1.ReadStreamRequest{Stream: st.Stream}, st.Expect)
	case "read_all":
		return r.read(ctx, &eventlinev1.ReadStreamRequest{Stream: "$all", FromPosition: st.FromPosition, MaxCount: st.MaxCount}, st.Expect)
	case "subscribe_group":
		return r.subscribeGroup(ctx, st)
	case "describe_group":
		described, err := r.groups.DescribeGroup(ctx, &eventlinev1.DescribeGroupRequest{Group: st.Group})
		if err != nil {
			return err
		}
		return all(same("parked", *st.Expect.Parked, described.GetParked()), same("pending", *st.Expect.Pending, described.GetPending()))
	}
	return fmt.Errorf("unknown op %q", st.Op)
}

func (r *runner) append(ctx context.Context, st step) error {
	expected, err := expectedVersion(st.ExpectedVersion)
	if err != nil {
		return err
	}
	request := &eventlinev1.AppendEventsRequest{Stream: st.Stream, ExpectedVersion: expected}
	for _, e := range st.Events {
		request.Events = append(request.Events, &eventlinev1.EventData{EventId: e.EventID, Type: e.Type, Data: []byte(e.Data)})
	}
	appended, err := r.store.AppendEvents(ctx, request)
	if st.ExpectError != nil {
		return matchError(err, *st.ExpectError)
	}
	if err != nil {
		return err
	}
	if st.SaveFirstPositionAs != "" {
		r.names["{"+st.SaveFirstPositionAs+"}"] = appended.GetPositions()[0]
	}
	return all(same("first_version", *st.Expect.FirstVersion, appended.GetFirstVersion()),
		same("last_version", *st.Expect.LastVersion, appended.GetLastVersion()),
		same("deduplicated", *st.Expect.Deduplicated, appended.GetDeduplicated()))
}

func expectedVersion(raw json.RawMessage) (*eventlinev1.ExpectedVersion, error) {
	var named string
	if json.Unmarshal(raw, &named) == nil {
		switch named {
		case "any":
			return &eventlinev1.ExpectedVersion{Kind: &eventlinev1.ExpectedVersion_Any{Any: &emptypb.Empty{}}}, nil
		case "no_stream":
			return &eventlinev1.ExpectedVersion{Kind: &eventlinev1.ExpectedVersion_NoStream{NoStream: &emptypb.Empty{}}}, nil
		case "stream_exists":
			return &eventlinev1.ExpectedVersion{Kind: &eventlinev1.ExpectedVersion_StreamExists{StreamExists: &emptypb.Empty{}}}, nil
		}
		return nil, fmt.Errorf("unknown expected_version %q", named)
	}
	var exact struct{ Exact uint64 }
	if err := json.Unmarshal(raw, &exact); err != nil {
		return nil, err
	}
	return &eventlinev1.ExpectedVersion{Kind: &eventlinev1.ExpectedVersion_Exact{Exact: exact.Exact}}, nil
}

// matchError checks the status code, the reason (through the declared enum) and the metadata.
func matchError(err error, want expectedError) error {
	if err == nil {
		return fmt.Errorf("succeeded; expected %v", want.Code)
	}
	if got := status.Code(err); got != want.Code {
		return fmt.Errorf("status %v, expected %v: %v", got, want.Code, err)
	}
	reason, info := eventline.ErrorInfo(err)
	if info == nil || reason.String() != "ERROR_REASON_"+want.Reason {
		return fmt.Errorf("reason %v (ErrorInfo %v), expected %s", reason, info, want.Reason)
	}
	for key, value := range want.Metadata {
		if info.GetMetadata()[key] != value {
			return fmt.Errorf("metadata %q is %q, expected %q", key, info.GetMetadata()[key], value)
		}
	}
	return nil
}

func (r *runner) read(ctx context.Context, request *eventlinev1.ReadStreamRequest, want expectation) error {
	call, err := r.store.ReadStream(ctx, request)
	if err != nil {
		return err
	}
	var events []*eventlinev1.RecordedEvent
	for {
		batch, err := call.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		events = append(events, batch.GetEvents()...)
	}
	return compareEvents(events, want)
}

func compareEvents(events []*eventlinev1.RecordedEvent, want expectation) error {
	var versions []uint64
	var types, data, streams []string
	for _, e := range events {
		versions = append(versions, e.GetVersion())
		types = append(types, e.GetType())
		data = append(data, string(e.GetData()))
		streams = append(streams, e.GetStream())
	}
	checks := []error{same("types", want.Types, types)}
	if want.Versions != nil {
		checks = append(checks, same("versions", want.Versions, versions))
	}
	if want.Data != nil {
		checks = append(checks, same("data", want.Data, data))
	}
	if want.Streams != nil {
		checks = append(checks, same("streams", want.Streams, streams))
	}
	return all(checks...)
}

// subscribeGroup takes one delivery per entry of st.Settle, settling each as that entry says, then
// ends the call.
func (r *runner) subscribeGroup(ctx context.Context, st step) error {
	callContext, endCall := context.WithCancel(ctx)
	defer endCall()
	call, err := r.store.Subscribe(callContext, &eventlinev1.SubscribeRequest{
		Target: &eventlinev1.SubscribeRequest_Stream{Stream: st.Stream}, Group: st.Group, Consumer: "conformance"})
	if err != nil {
		return err
	}
	var delivered []*eventlinev1.RecordedEvent
	for len(delivered) < len(st.Settle) {
		message, err := call.Recv()
		if err != nil {
			return err
		}
		delivery := message.GetDelivery()
		if delivery == nil {
			continue // the confirmation, heartbeats
		}
		if err := r.settle(ctx, st.Group, delivery.GetAckId(), st.Settle[len(delivered)]); err != nil {
			return err
		}
		delivered = append(delivered, delivery.GetEvent())
	}
	return compareEvents(delivered, st.Expect)
}

func (r *runner) settle(ctx context.Context, group, ackID, how string) error {
	switch how {
	case "ack":
		_, err := r.store.Ack(ctx, &eventlinev1.AckRequest{Group: group, AckIds: []string{ackID}})
		return err
	case "nack_park":
		_, err := r.store.Nack(ctx, &eventlinev1.NackRequest{Group: group, AckIds: []string{ackID},
			Action: eventlinev1.NackAction_NACK_ACTION_PARK, Reason: "conformance"})
		return err
	}
	return fmt.Errorf("unknown settle %q", how)
}

func same(what string, want, got interface{}) error {
	if !reflect.DeepEqual(want, got) {
		return fmt.Errorf("%s: got %v, expected %v", what, got, want)
	}
	return nil
}

func all(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, err := rand.Read(b)
	check(err)
	return hex.EncodeToString(b)
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func check(err error) {
	if err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "go conformance: FAILED:", message)
	os.Exit(1)
}
