#include "outbox/dispatcher.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <utility>

#include "channels/channel.h"

namespace nhacviec {

namespace {

using std::chrono::sys_seconds;

// One attempt, finished by a worker.
struct Finished {
    DeliveryJob job;
    sys_seconds started, finished;
    DeliveryResult result;
};

// The worker threads of one channel, fed from a queue; results go to a queue
// the dispatcher's thread drains.
class ChannelWorkers {
public:
    // Each worker thread delivers through the channel `make_channel` gives it.
    ChannelWorkers(int count, ChannelRegistry::Factory make_channel, const Clock& clock, std::mutex& mutex,
                   std::condition_variable& finished_signal, std::vector<Finished>& finished)
        : mutex_(mutex), finished_signal_(finished_signal), finished_(finished) {
        for (int i = 0; i < count; ++i)
            threads_.emplace_back([this, make_channel, &clock] {
                const std::shared_ptr<Channel> channel = make_channel();
                for (;;) {
                    DeliveryJob job;
                    {
                        std::unique_lock lock(mutex_);
                        job_signal_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                        if (jobs_.empty()) return;
                        job = std::move(jobs_.front());
                        jobs_.pop_front();
                    }
                    const sys_seconds started = clock.now();
                    DeliveryResult result = channel->deliver({job.address, job.agency, *job.content}, started);
                    const sys_seconds done = clock.now();
                    {
                        std::lock_guard lock(mutex_);
                        finished_.push_back({std::move(job), started, done, std::move(result)});
                    }
                    finished_signal_.notify_one();
                }
            });
    }
    ~ChannelWorkers() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        job_signal_.notify_all();
        for (auto& t : threads_) t.join();
    }
    // Call with the mutex held.
    void push(DeliveryJob job) { jobs_.push_back(std::move(job)); }
    // Call with the mutex held: the jobs no worker has started.
    void take_queued(std::vector<DeliveryJob>& out) {
        for (auto& job : jobs_) out.push_back(std::move(job));
        jobs_.clear();
    }
    void wake_all() { job_signal_.notify_all(); }
    size_t size() const { return threads_.size(); }

private:
    std::mutex& mutex_;
    std::condition_variable& finished_signal_;
    std::vector<Finished>& finished_;
    std::condition_variable job_signal_;
    std::deque<DeliveryJob> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace

struct Dispatcher::Workers {
    std::mutex mutex;
    std::condition_variable finished_signal;
    std::vector<Finished> finished;
    std::map<ChannelKind, std::unique_ptr<ChannelWorkers>> by_kind;  // started on first use
};

Dispatcher::Dispatcher(OutboxStore& store, const DeliveryConfig& config, const Clock& clock,
                       std::function<double()> draw)
    : Dispatcher(store, config, configured_channels(config), clock, std::move(draw)) {}

Dispatcher::Dispatcher(OutboxStore& store, const DeliveryConfig& config, ChannelRegistry channels,
                       const Clock& clock, std::function<double()> draw)
    : store_(store), config_(config), channels_(std::move(channels)), clock_(clock), policy_(config.retry),
      draw_(std::move(draw)), workers_(std::make_unique<Workers>()) {
    if (!draw_) {
        auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
        draw_ = [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
    }
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::request_stop() {
    std::lock_guard lock(workers_->mutex);
    stop_requested_ = true;
    workers_->finished_signal.notify_all();
}

namespace {

// The workers of `kind`, started on first use; nullptr when no channel delivers it.
ChannelWorkers* workers_for(Dispatcher::Workers& w, ChannelKind kind, const ChannelRegistry& channels,
                            const Clock& clock) {
    auto& workers = w.by_kind[kind];
    if (!workers) {
        const ChannelRegistry::Entry* entry = channels.find(kind);
        if (!entry) return nullptr;
        workers = std::make_unique<ChannelWorkers>(entry->workers, entry->make, clock, w.mutex, w.finished_signal,
                                                   w.finished);
    }
    return workers.get();
}

}  // namespace

namespace {

void count_recorded(const std::vector<AttemptRecord>& records, DispatchSummary& summary) {
    for (const auto& r : records) {
        if (r.state == DeliveryState::sent) ++summary.sent;
        else if (r.state == DeliveryState::retrying) ++summary.retrying;
        else ++summary.dead;
    }
}

}  // namespace

AttemptRecord Dispatcher::record_of(const DeliveryJob& job, sys_seconds started, sys_seconds finished,
                                    DeliveryResult result) {
    AttemptRecord r;
    r.delivery_id = job.delivery_id;
    r.started = started;
    r.finished = finished;
    r.attempts = job.attempts + 1;
    r.first_attempt_at = job.first_attempt_at.value_or(started);
    r.next_attempt_at = finished;
    switch (result.outcome) {
        case DeliveryResult::Outcome::sent:
            r.state = DeliveryState::sent;
            break;
        case DeliveryResult::Outcome::permanent:
            r.state = DeliveryState::dead;
            break;
        case DeliveryResult::Outcome::retry:
            if (auto next = policy_.next_attempt(r.attempts, r.first_attempt_at, finished, draw_(), result.retry_after)) {
                r.state = DeliveryState::retrying;
                r.next_attempt_at = *next;
            } else {
                r.state = DeliveryState::dead;
                result.detail += " (given up after " + std::to_string(r.attempts) + " attempts)";
            }
            break;
    }
    r.result = std::move(result);
    return r;
}

Result<DispatchSummary> Dispatcher::deliver_due(const std::function<Status(sys_seconds now)>& before_claim) {
    DispatchSummary summary;
    if (!recovered_) {
        auto recovered = store_.recover_interrupted(clock_.now());
        if (!recovered) return recovered.error();
        summary.recovered = *recovered;
        recovered_ = true;
    }
    Workers& w = *workers_;
    // At most this many deliveries are claimed and not yet recorded: enough for
    // every worker to have its next delivery waiting, and the most a crash can repeat.
    const size_t window =
        std::max<size_t>(16, 4 * static_cast<size_t>(config_.email.connections + config_.webhook.connections));
    size_t in_flight = 0;
    // What an earlier pass could not record goes first.
    std::vector<AttemptRecord> records = std::exchange(unrecorded_, {});
    std::vector<int64_t> released = std::exchange(unreleased_, {});  // claimed, never started, given back
    summary.held = records.size();
    bool queue_released = false;
    for (;;) {
        const sys_seconds now = clock_.now();
        const size_t limit = stop_requested_ ? 0 : window - in_flight;
        Status checked;
        if (before_claim && limit > 0) checked = before_claim(now);
        auto jobs = checked ? store_.record_and_claim(records, released, now, limit)
                            : Result<std::vector<DeliveryJob>>(checked.error());
        if (!jobs) {
            // The database took none of it (one transaction). The attempts
            // under way end, and every outcome is held for the next pass.
            std::vector<Finished> finished;
            {
                std::unique_lock lock(w.mutex);
                w.finished_signal.wait(lock, [&] { return w.finished.size() >= in_flight; });
                finished.swap(w.finished);
            }
            for (auto& f : finished) records.push_back(record_of(f.job, f.started, f.finished, std::move(f.result)));
            unrecorded_ = std::move(records);
            unreleased_ = std::move(released);
            return jobs.error();
        }
        count_recorded(records, summary);
        records.clear();
        released.clear();
        std::vector<ChannelWorkers*> woken;
        for (auto& job : *jobs) {
            ChannelWorkers* workers = workers_for(w, job.channel, channels_, clock_);
            if (!workers) {
                // No channel delivers this kind: it fails for good, without an attempt.
                const sys_seconds at = clock_.now();
                DeliveryResult refused{DeliveryResult::Outcome::permanent,
                                       "no channel delivers " + std::string(to_string(job.channel)), std::nullopt};
                std::lock_guard lock(w.mutex);
                w.finished.push_back({std::move(job), at, at, std::move(refused)});
                ++in_flight;
                continue;
            }
            {
                std::lock_guard lock(w.mutex);
                workers->push(std::move(job));
            }
            if (std::find(woken.begin(), woken.end(), workers) == woken.end()) woken.push_back(workers);
            ++in_flight;
        }
        for (ChannelWorkers* workers : woken) workers->wake_all();
        if (in_flight == 0) break;
        std::vector<Finished> finished;
        {
            std::unique_lock lock(w.mutex);
            w.finished_signal.wait(lock, [&] { return !w.finished.empty() || (stop_requested_ && !queue_released); });
            if (stop_requested_ && !queue_released) {
                std::vector<DeliveryJob> queued;
                for (auto& [kind, workers] : w.by_kind)
                    if (workers) workers->take_queued(queued);
                for (const auto& job : queued) released.push_back(job.delivery_id);
                in_flight -= queued.size();
                queue_released = true;
            }
            finished.swap(w.finished);
        }
        in_flight -= finished.size();
        for (auto& f : finished) records.push_back(record_of(f.job, f.started, f.finished, std::move(f.result)));
    }
    return summary;
}

Status Dispatcher::record_held() {
    if (held() == 0) return {};
    auto recorded = store_.record_and_claim(unrecorded_, unreleased_, clock_.now(), 0);
    if (!recorded) return recorded.error();
    unrecorded_.clear();
    unreleased_.clear();
    return {};
}

void Dispatcher::take_over(Dispatcher& previous) {
    recovered_ = previous.recovered_;
    unrecorded_ = std::exchange(previous.unrecorded_, {});
    unreleased_ = std::exchange(previous.unreleased_, {});
}

}  // namespace nhacviec
