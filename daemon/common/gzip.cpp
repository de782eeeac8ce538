#include "common/gzip.h"

#include <zlib.h>

#include <memory>
#include <string>

namespace nhacviec {

Result<std::string> gzip(std::string_view bytes) {
    // zlib counts in 32 bits; nothing the daemon serves comes near.
    if (bytes.size() > (1ull << 31)) return Error{"gzip: " + std::to_string(bytes.size()) + " bytes, over 2 GiB"};
    z_stream stream{};
    // 15 bits of window, plus 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return Error{"gzip: zlib cannot start (out of memory?)"};
    const std::unique_ptr<z_stream, int (*)(z_stream*)> end(&stream, &deflateEnd);
    std::string out(deflateBound(&stream, bytes.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    // deflateBound() leaves room for everything: one call finishes.
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END) return Error{"gzip: zlib could not finish"};
    out.resize(stream.total_out);
    return out;
}

}  // namespace nhacviec
