using System.Collections.Immutable;
using Pulumi.Astro.Client.Internal;

namespace Pulumi.Astro.Client;

/// <summary>
/// Values the client must never show, beyond its own token. Every message the client builds from a response (an
/// exception's message, Astro's message and field errors, a request log line) has them replaced by
/// <see cref="AstroRequestLog.Redacted"/>. Add values for one client with <see cref="AstroClientOptions.RedactedValues"/>,
/// or for the calls made inside a <see cref="Scope"/>, e.g. the secret inputs of one operation, which an Astro error
/// body may echo back.
/// </summary>
/// <remarks>
/// As Pulumi's own log filter does (pulumi/pulumi, <c>sdk/go/common/util/logging/log.go</c>), values shorter than three
/// characters and the words <c>true</c> and <c>false</c> are not redacted: they cannot be told apart from ordinary
/// text, and replacing them everywhere would make every message unreadable. A value is also redacted in its
/// JSON-escaped form, as a body that echoes it would carry it.
/// </remarks>
public static class AstroRedaction
{
    private static readonly AsyncLocal<ImmutableArray<string>> Scoped = new();

    /// <summary>
    /// Redacts <paramref name="values"/> in every call made on this asynchronous flow until the scope is disposed, by
    /// any <see cref="AstroClient"/>. Scopes nest: an inner scope adds to the outer one. Dispose it on the flow that
    /// made it (a <c>using</c> around the calls).
    /// </summary>
    public static IDisposable Scope(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var outer = Scoped.Value;
        Scoped.Value = (outer.IsDefault ? [] : outer).AddRange(values.OfType<string>());
        return new Restore(outer);
    }

    /// <summary>The values of the scopes around the current call.</summary>
    internal static ImmutableArray<string> Current => Scoped.Value.IsDefault ? [] : Scoped.Value;

    private sealed class Restore(ImmutableArray<string> outer) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            Scoped.Value = outer;
        }
    }
}
