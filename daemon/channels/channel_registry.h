// ChannelRegistry: which Channel delivers each ChannelKind, and with how
// many worker threads. The dispatcher asks it for the channel of a delivery's
// kind instead of switching on names. Built once per configuration
// (configured_channels) by whoever makes the dispatcher, then read by the
// dispatcher's thread only; a plain value.
#pragma once

#include <functional>
#include <map>
#include <memory>

#include "channels/channel.h"
#include "channels/channel_kind.h"
#include "config/delivery_config.h"

namespace nhacviec {

class ChannelRegistry {
public:
    // Makes the channel one worker thread delivers through. It may return the
    // same thread-safe instance to every worker (the mail folder does).
    using Factory = std::function<std::shared_ptr<Channel>()>;

    // How a kind is delivered.
    struct Entry {
        int workers = 1;  // worker threads, each with the channel its factory makes
        Factory make;
    };

    // Registers (or replaces) the channel of `kind`.
    void add(ChannelKind kind, int workers, Factory make);
    // The entry of `kind`; nullptr when no channel delivers it.
    const Entry* find(ChannelKind kind) const;

private:
    std::map<ChannelKind, Entry> entries_;
};

// The channels a configuration asks for: email over SMTP when a server is
// configured and into the mail folder otherwise, and signed webhooks; with
// the configured number of connections each. The factories keep copies of
// the settings they need.
ChannelRegistry configured_channels(const DeliveryConfig& config);

}  // namespace nhacviec
