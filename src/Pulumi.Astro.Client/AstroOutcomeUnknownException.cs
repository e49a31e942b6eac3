namespace Pulumi.Astro.Client;

/// <summary>
/// A POST may have reached Astro, but no answer says whether it took effect: it timed out after being sent, the
/// connection broke after it was sent, a gateway answered 502, 503 or 504 after perhaps passing it on, or, for a
/// create, Astro answered 500 (it may have made the object before failing). The client does not retry it. Look the
/// object up (a create by its name) before trying again, so it is not created twice. Which POSTs are creates is in
/// the remarks of <see cref="AstroClient"/>.
/// </summary>
public sealed class AstroOutcomeUnknownException : AstroException
{
    /// <summary>Creates the exception; <paramref name="reason"/> says what happened, e.g. "timed out after 00:00:30".</summary>
    public AstroOutcomeUnknownException(string method, string path, string reason, Exception? innerException = null)
        : base(method, path, $"{method} {path}: outcome unknown: {reason}; the request may have taken effect, so look it up before repeating it", innerException)
    {
        Reason = reason;
    }

    /// <summary>What happened, e.g. "timed out after 00:00:30".</summary>
    public string Reason { get; }
}
