// The short reference of a notification: what a person reads out or types to
// name one message ("NV-7K3QD-M9XTA"), in place of its long stable key. Ten
// characters of Crockford base32 of the SHA-256 of the key, in two groups of
// five; the key itself stays in the X-Nhacviec-Key header and the webhook
// body. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nhacviec {

// "NV-XXXXX-XXXXX" for the notification whose stable key is `key`.
std::string notification_reference(std::string_view key);

// The canonical form of a reference as a person may type it: case, spaces,
// dashes and the "NV" prefix do not matter, and Crockford's look-alikes read
// as the digit they resemble (O as 0, I and L as 1). nullopt when it is not
// ten base32 characters.
std::optional<std::string> normalize_notification_reference(std::string_view text);

}  // namespace nhacviec
