namespace Pulumi.Astro.Client.Internal;

/// <summary>
/// The bytes of an upload, replayable for retries. The request content may be disposed after sending, and the
/// content its stream; the caller's stream is therefore wrapped so that only the caller closes it.
/// </summary>
internal sealed class UploadBody
{
    private readonly Stream _source;
    private readonly long _origin;

    private UploadBody(Stream source)
    {
        _source = source;
        _origin = source.Position;
    }

    /// <summary>
    /// Wraps a seekable stream as is; copies any other into memory first, because Azure's Put Blob needs a
    /// Content-Length and a retry must send the same bytes again.
    /// </summary>
    public static async Task<UploadBody> CreateAsync(Stream source, CancellationToken cancellationToken)
    {
        if (source.CanSeek)
            return new UploadBody(source);
        var copy = new MemoryStream();
        await source.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        copy.Position = 0;
        return new UploadBody(copy);
    }

    /// <summary>A fresh content for one attempt, from the stream's original position.</summary>
    public HttpContent CreateContent()
    {
        _source.Position = _origin;
        var content = new StreamContent(new UnclosableStream(_source));
        content.Headers.ContentType = new("application/octet-stream");
        return content;
    }

    private sealed class UnclosableStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // Dispose is deliberately not forwarded: the stream belongs to the caller.
    }
}
