using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider;

/// <summary>
/// The ResourceProvider gRPC service. It is a singleton and serves requests concurrently; per-call state lives in
/// the call. Every method runs through <see cref="Run{T}"/>, so <see cref="ErrorMapping"/> is the only mapping from
/// exceptions to gRPC statuses, redacting the call's secrets (<see cref="Secrets"/>). Methods not overridden answer
/// UNIMPLEMENTED. The host's stopping signal (SIGINT, SIGTERM, the engine gone) cancels every operation as the engine's
/// Cancel does, so each in-flight call answers (with partial state where Astro has the object) before the plugin exits.
/// </summary>
public sealed class AstroProviderService : ResourceProvider.ResourceProviderBase, IDisposable
{
    private readonly ProviderRegistry _registry;
    private readonly EngineLog _log;
    private readonly TimeProvider _time;
    private readonly Func<string, string?> _env;
    private readonly Func<ProviderConfig, IAstroClient> _clientFactory;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Lazy<string> _schema;
    private IAstroClient? _client;
    /// <summary>The provider-wide secrets: the configured token.</summary>
    private Redactor _secrets = Redactor.None;

    public AstroProviderService(ProviderRegistry registry, EngineLog log, ProviderServices services, IHostApplicationLifetime lifetime)
    {
        lifetime.ApplicationStopping.Register(_cancel.Cancel);
        _registry = registry;
        _log = log;
        _time = services.Time;
        _env = services.Environment;
        _clientFactory = services.ClientFactory;
        _schema = new Lazy<string>(() => PackageSchema.Render(ProviderVersion.Value, ProviderConfig.Props, _registry.Resources.Select(r => r.Type), _registry.Functions));
    }

    private async Task<T> Run<T>(Func<Task<T>> body, Redactor? secrets = null)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw ErrorMapping.ToRpc(e, secrets ?? _secrets);
        }
    }

    /// <summary>The secrets of one call: the configured token and the secret values of the resource's inputs and state.</summary>
    private Redactor Secrets(string type, string urn, params Struct?[] values)
    {
        IEnumerable<Prop> props;
        try
        {
            props = _registry.Resource(type, urn).Type.Props;
        }
        catch (RpcException)
        {
            props = []; // an unknown type: its secret-wrapped values are still found
        }
        return _secrets.With(Redactor.SecretsOf(props, [.. values.Select(v => v is null ? null : Marshal.FromStruct(v))]));
    }

    private static IEnumerable<Rpc.CheckFailure> Failures(IEnumerable<Schema.CheckFailure> failures, Redactor secrets) =>
        failures.Select(f => new Rpc.CheckFailure { Property = EngineText.Clean(f.Property, secrets), Reason = EngineText.Clean(f.Reason, secrets) });

    /// <summary>An id from the engine; an empty one is refused before it reaches a URL.</summary>
    private static string RequireId(string id) =>
        string.IsNullOrWhiteSpace(id) ? throw new InputException($"the resource id is {(id.Length == 0 ? "empty" : "blank")}; an Astro id is never empty") : id;

    public override Task<ProviderHandshakeResponse> Handshake(ProviderHandshakeRequest request, ServerCallContext context) => Run(() =>
    {
        _log.Connect(request.EngineAddress);
        // Must equal what Configure answers (protocol fact sheet §2.2).
        return Task.FromResult(new ProviderHandshakeResponse { AcceptSecrets = true, AcceptResources = true });
    });

    public override Task<Empty> Attach(PluginAttach request, ServerCallContext context) => Run(() =>
    {
        _log.Connect(request.Address);
        return Task.FromResult(new Empty());
    });

    public override Task<PluginInfo> GetPluginInfo(Empty request, ServerCallContext context) =>
        Run(() => Task.FromResult(new PluginInfo { Version = ProviderVersion.Value }));

    public override Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, ServerCallContext context) =>
        Run(() => Task.FromResult(new GetSchemaResponse { Schema = _schema.Value }));

    public override Task<CheckResponse> CheckConfig(CheckRequest request, ServerCallContext context)
    {
        var secrets = _secrets.With(Redactor.SecretsOf(ProviderConfig.Props, Marshal.FromStruct(request.News)));
        return Run(() => CheckConfig(request, secrets), secrets);
    }

    private Task<CheckResponse> CheckConfig(CheckRequest request, Redactor secrets)
    {
        var news = Marshal.FromStruct(request.News);
        var response = new CheckResponse { Inputs = request.News ?? new Struct() };
        // Config with unknowns is not configured at all (§2.3), so there is nothing to check yet.
        if (news.Values.Any(v => v.ContainsUnknowns)) return Task.FromResult(response);
        var (_, failures) = ProviderConfig.From(news.Without("version"), _env);
        response.Failures.AddRange(Failures(failures, secrets));
        return Task.FromResult(response);
    }

    public override Task<DiffResponse> DiffConfig(DiffRequest request, ServerCallContext context) => Run(() =>
    {
        var olds = Marshal.FromStruct(request.OldInputs ?? request.Olds);
        var news = Marshal.FromStruct(request.News);
        return Task.FromResult(ToResponse(ProviderConfig.Diff(olds, news, _env)));
    });

    public override Task<ConfigureResponse> Configure(ConfigureRequest request, ServerCallContext context)
    {
        var secrets = _secrets.With(Redactor.SecretsOf(ProviderConfig.Props, request.Args is null ? null : Marshal.FromStruct(request.Args)))
            .With(request.Variables.Where(v => v.Key == "astro:config:token").Select(v => v.Value));
        return Run(() => Configure(request, secrets), secrets);
    }

    private Task<ConfigureResponse> Configure(ConfigureRequest request, Redactor secrets)
    {
        var args = request.Args is not null
            ? Marshal.FromStruct(request.Args)
            : new PropertyMap(request.Variables
                .Where(v => v.Key.StartsWith("astro:config:", StringComparison.Ordinal))
                .Select(v => new KeyValuePair<string, PropertyValue>(v.Key["astro:config:".Length..], PropertyValue.From(v.Value))));
        var (config, failures) = ProviderConfig.From(args.Without("version"), _env);
        if (config is null)
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "invalid astro provider configuration: " + string.Join("; ", failures.Select(f => secrets.Redact(f.Reason)))));
        _secrets = new Redactor([config.Token]);
        _log.Redactor = _secrets;
        var previous = Interlocked.Exchange(ref _client, _clientFactory(config));
        (previous as IDisposable)?.Dispose();
        return Task.FromResult(new ConfigureResponse { AcceptSecrets = true, SupportsPreview = true, AcceptResources = true });
    }

    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var secrets = Secrets(request.Type, request.Urn, request.News, request.Olds);
        return Run(() =>
        {
            var resource = _registry.Resource(request.Type, request.Urn);
            var failures = new List<Schema.CheckFailure>();
            var inputs = resource.Check(request.Name, Marshal.FromStruct(request.Olds), Marshal.FromStruct(request.News), failures);
            var response = new CheckResponse { Inputs = Marshal.ToStruct(inputs) };
            response.Failures.AddRange(Failures(failures, secrets));
            return Task.FromResult(response);
        }, secrets);
    }

    public override Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context) => Run(() =>
    {
        var resource = _registry.Resource(request.Type, request.Urn);
        var diff = resource.Diff(Marshal.FromStruct(request.OldInputs), Marshal.FromStruct(request.Olds), Marshal.FromStruct(request.News));
        return Task.FromResult(ToResponse(diff));
    }, Secrets(request.Type, request.Urn, request.News, request.Olds, request.OldInputs));

    private static DiffResponse ToResponse(DiffResult? diff)
    {
        // Not known yet (a config value that is another resource's output, in preview): DIFF_UNKNOWN with no replaces,
        // which the engine turns into "changed" or "unchanged", never a replacement (pulumi/pulumi
        // pkg/resource/deploy/providers/registry.go, Registry.Diff).
        if (diff is null) return new DiffResponse { Changes = DiffResponse.Types.DiffChanges.DiffUnknown };
        var response = new DiffResponse
        {
            Changes = diff.HasChanges ? DiffResponse.Types.DiffChanges.DiffSome : DiffResponse.Types.DiffChanges.DiffNone,
            HasDetailedDiff = true,
            DeleteBeforeReplace = diff.DeleteBeforeReplace,
        };
        response.Diffs.AddRange(diff.Changed);
        response.Replaces.AddRange(diff.Replaces);
        foreach (var (path, kind) in diff.Detailed)
            response.DetailedDiff[path] = new PropertyDiff { Kind = (PropertyDiff.Types.Kind)(int)kind, InputDiff = true };
        return response;
    }

    public override Task<CreateResponse> Create(CreateRequest request, ServerCallContext context)
    {
        var secrets = Secrets(request.Type, request.Urn, request.Properties);
        return Run(async () =>
        {
            var resource = _registry.Resource(request.Type, request.Urn);
            var inputs = Marshal.FromStruct(request.Properties);
            if (request.Preview)
                return new CreateResponse { Properties = Marshal.ToStruct(resource.PreviewOutputs(inputs)) };
            var (id, outputs) = await resource.Create(Operation(request.Urn, request.Timeout, context, secrets), inputs).ConfigureAwait(false);
            return new CreateResponse { Id = id, Properties = Marshal.ToStruct(outputs) };
        }, secrets);
    }

    public override Task<ReadResponse> Read(ReadRequest request, ServerCallContext context)
    {
        var secrets = Secrets(request.Type, request.Urn, request.Inputs, request.Properties);
        return Run(async () =>
        {
            var resource = _registry.Resource(request.Type, request.Urn);
            var result = await resource.Read(Operation(request.Urn, request.Timeout, context, secrets), RequireId(request.Id),
                request.Inputs is null ? null : Marshal.FromStruct(request.Inputs),
                request.Properties is null ? null : Marshal.FromStruct(request.Properties)).ConfigureAwait(false);
            // Gone: an empty id and no properties (§2.7).
            if (result is null) return new ReadResponse();
            return new ReadResponse { Id = result.Id, Properties = Marshal.ToStruct(result.Outputs), Inputs = Marshal.ToStruct(result.Inputs) };
        }, secrets);
    }

    public override Task<UpdateResponse> Update(UpdateRequest request, ServerCallContext context)
    {
        var secrets = Secrets(request.Type, request.Urn, request.News, request.Olds, request.OldInputs);
        return Run(async () =>
        {
            var resource = _registry.Resource(request.Type, request.Urn);
            var news = Marshal.FromStruct(request.News);
            var olds = Marshal.FromStruct(request.Olds);
            // Preview: the new inputs, what the update cannot change as it was, and the rest of the computed outputs unknown.
            if (request.Preview)
                return new UpdateResponse { Properties = Marshal.ToStruct(resource.PreviewOutputs(news, olds)) };
            var outputs = await resource.Update(Operation(request.Urn, request.Timeout, context, secrets), RequireId(request.Id),
                Marshal.FromStruct(request.OldInputs), olds, news).ConfigureAwait(false);
            return new UpdateResponse { Properties = Marshal.ToStruct(outputs) };
        }, secrets);
    }

    public override Task<Empty> Delete(DeleteRequest request, ServerCallContext context)
    {
        var secrets = Secrets(request.Type, request.Urn, request.Properties, request.OldInputs);
        return Run(async () =>
        {
            var resource = _registry.Resource(request.Type, request.Urn);
            await resource.DeleteAsync(Operation(request.Urn, request.Timeout, context, secrets), RequireId(request.Id), Marshal.FromStruct(request.Properties)).ConfigureAwait(false);
            return new Empty();
        }, secrets);
    }

    public override Task<InvokeResponse> Invoke(InvokeRequest request, ServerCallContext context)
    {
        IEnumerable<Prop> props;
        try
        {
            props = _registry.Function(request.Tok).Type.Inputs;
        }
        catch (RpcException)
        {
            props = [];
        }
        var secrets = _secrets.With(Redactor.SecretsOf(props, Marshal.FromStruct(request.Args)));
        return Run(async () =>
        {
            var function = _registry.Function(request.Tok);
            var (result, failures) = await function.InvokeAsync(Operation("", 0, context, secrets), Marshal.FromStruct(request.Args)).ConfigureAwait(false);
            var response = new InvokeResponse { Return = Marshal.ToStruct(result) };
            response.Failures.AddRange(Failures(failures, secrets));
            return response;
        }, secrets);
    }

    public override Task<Empty> Cancel(Empty request, ServerCallContext context) => Run(() =>
    {
        // Waits in progress stop and report partial state (issue: within 1 s).
        _cancel.Cancel();
        return Task.FromResult(new Empty());
    });

    private Operation Operation(string urn, double timeoutSeconds, ServerCallContext context, Redactor secrets)
    {
        var client = _client ?? throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, "the astro provider is not configured yet (Configure was not called)"));
        var token = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token, context.CancellationToken).Token;
        return new Operation(client, new Waiter(_time), _log, urn, timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : null, token, secrets);
    }

    public void Dispose()
    {
        _cancel.Dispose();
        (_client as IDisposable)?.Dispose();
    }
}

/// <summary>Things the service gets from outside, so tests can swap them (style.md principle 7).</summary>
public sealed record ProviderServices(TimeProvider Time, Func<string, string?> Environment, Func<ProviderConfig, IAstroClient> ClientFactory)
{
    public static ProviderServices Default { get; } = new(TimeProvider.System, System.Environment.GetEnvironmentVariable, c => new AstroClient(c.ClientOptions()));
}
