// Package eventline holds what the generated code of eventline.v1 (package eventlinev1) does not:
// reading the declared ErrorReason of a failed call.
package eventline

import (
	"strings"

	"github.com/eventline/eventline/clients/go/eventlinev1"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/status"
)

// reasonPrefix is what the wire form of a reason leaves out of the enum value's name
// (errors.proto: ERROR_REASON_WRONG_EXPECTED_VERSION travels as "WRONG_EXPECTED_VERSION").
const reasonPrefix = "ERROR_REASON_"

// ErrorInfo returns the google.rpc.ErrorInfo of a failed call and its reason as the declared enum,
// ERROR_REASON_UNSPECIFIED for a reason newer than this code, or nil and UNSPECIFIED when the
// error carries none.
func ErrorInfo(err error) (eventlinev1.ErrorReason, *errdetails.ErrorInfo) {
	st, ok := status.FromError(err)
	if !ok {
		return eventlinev1.ErrorReason_ERROR_REASON_UNSPECIFIED, nil
	}
	for _, detail := range st.Details() {
		if info, ok := detail.(*errdetails.ErrorInfo); ok {
			return reasonOf(info.GetReason()), info
		}
	}
	return eventlinev1.ErrorReason_ERROR_REASON_UNSPECIFIED, nil
}

func reasonOf(wire string) eventlinev1.ErrorReason {
	if strings.HasPrefix(wire, reasonPrefix) {
		return eventlinev1.ErrorReason_ERROR_REASON_UNSPECIFIED // not a wire form: those leave the prefix out
	}
	return eventlinev1.ErrorReason(eventlinev1.ErrorReason_value[reasonPrefix+wire])
}
