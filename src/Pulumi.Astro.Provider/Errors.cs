using System.Net;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider;

/// <summary>Bad input found after Check (for example at Create): a clean InvalidArgument failure.</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>A lookup (Invoke) found nothing: a clean NotFound failure naming what was asked for.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// Astro created the object but a later step failed (a wait, a finalize). Reported to the engine as
/// <c>ErrorResourceInitFailed</c> so the id is kept in state and nothing is orphaned (protocol fact sheet §2.11).
/// </summary>
public sealed class ResourceInitFailedException(string id, PropertyMap outputs, PropertyMap? inputs, string reason) : Exception(reason)
{
    public string Id { get; } = id;
    public PropertyMap Outputs { get; } = outputs;
    public PropertyMap? Inputs { get; } = inputs;
}

/// <summary>
/// The one place that turns exceptions into gRPC statuses (style.md principle 3). Every message is redacted (the
/// configured token, the call's secret inputs) and capped (<see cref="EngineText"/>) on its way out.
/// </summary>
public static class ErrorMapping
{
    public static RpcException ToRpc(Exception e) => ToRpc(e, Redactor.None);

    public static RpcException ToRpc(Exception e, Redactor redactor)
    {
        string Clean(string message) => EngineText.Clean(message, redactor);
        return e switch
        {
            RpcException rpc => new RpcException(new Status(rpc.StatusCode, Clean(rpc.Status.Detail)), rpc.Trailers),
            ResourceInitFailedException init => InitFailed(init, Clean(init.Message)),
            WaitTimeoutException timeout => new RpcException(new Status(StatusCode.DeadlineExceeded, Clean(timeout.Message))),
            WaitFailedException failed => new RpcException(new Status(StatusCode.Aborted, Clean(failed.Message))),
            WaitGoneException gone => new RpcException(new Status(StatusCode.NotFound, Clean(gone.Message))),
            NotFoundException notFound => new RpcException(new Status(StatusCode.NotFound, Clean(notFound.Message))),
            InputException input => new RpcException(new Status(StatusCode.InvalidArgument, Clean(input.Message))),
            AstroApiException api => new RpcException(new Status(ForHttp(api.StatusCode), Clean(api.Message))),
            AstroOutcomeUnknownException unknown => new RpcException(new Status(StatusCode.Unavailable, Clean(unknown.Message))),
            AstroTransportException transport => new RpcException(new Status(transport.IsTimeout ? StatusCode.DeadlineExceeded : StatusCode.Unavailable, Clean(transport.Message))),
            AstroException astro => new RpcException(new Status(StatusCode.Unavailable, Clean(astro.Message))),
            OperationCanceledException => new RpcException(new Status(StatusCode.Cancelled, "the operation was cancelled")),
            NotImplementedException => new RpcException(new Status(StatusCode.Unimplemented, Clean(e.Message))),
            // The client refuses an argument it cannot send (an empty id, a malformed tag): bad input, not a bug.
            ArgumentException argument => new RpcException(new Status(StatusCode.InvalidArgument, Clean($"invalid input: {argument.Message}"))),
            _ => new RpcException(new Status(StatusCode.Internal, Clean($"this is a bug in pulumi-resource-astro, please report it: {e.GetType().Name}: {e.Message}"))),
        };
    }

    public static StatusCode ForHttp(HttpStatusCode status) => (int)status switch
    {
        400 or 422 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        409 => StatusCode.Aborted,
        412 => StatusCode.FailedPrecondition,
        429 => StatusCode.ResourceExhausted,
        >= 500 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>
    /// A partial failure: the status carries an <c>ErrorResourceInitFailed</c> detail in the
    /// <c>grpc-status-details-bin</c> trailer, a serialized google.rpc.Status with the same code and message.
    /// </summary>
    private static RpcException InitFailed(ResourceInitFailedException e, string message)
    {
        var detail = new ErrorResourceInitFailed { Id = e.Id, Properties = Marshal.ToStruct(e.Outputs) };
        detail.Reasons.Add(message);
        if (e.Inputs is not null) detail.Inputs = Marshal.ToStruct(e.Inputs);
        const StatusCode code = StatusCode.Unknown;
        var trailers = new Metadata { { "grpc-status-details-bin", RpcStatusBytes((int)code, message, Any.Pack(detail, "type.googleapis.com")) } };
        return new RpcException(new Status(code, message), trailers);
    }

    /// <summary>google.rpc.Status {1 code, 2 message, 3 details}, written field by field.</summary>
    public static byte[] RpcStatusBytes(int code, string message, params Any[] details)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        if (code != 0)
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt32(code);
        }
        if (message.Length > 0)
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteString(message);
        }
        foreach (var d in details)
        {
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteMessage(d);
        }
        output.Flush();
        return buffer.ToArray();
    }
}
