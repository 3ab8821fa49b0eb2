// What the labs export: CSV tables of loss histories, weights, spikes, membrane traces and
// synapses. Numbers are written the same way in every locale (shortest text that reads back
// to the same double); non-finite values are written as empty fields, never as nan or inf.
#pragma once

#include <string>

#include "core/mlp/trainer.h"
#include "core/spiking/network.h"

namespace dendrites::app {

// A number as text, independent of the C locale; "" for NaN and infinities.
std::string CsvNumber(double value);

// series,step,loss: the training (mini-batch) and test losses by step, as the loss plot shows.
std::string LossHistoryCsv(const mlp::Trainer& trainer);
// layer,kind,to,from,value: every weight (kind "weight") and bias ("bias", from empty).
std::string MlpWeightsCsv(const mlp::Network& network);
// time_ms,neuron,population: the recorder's spikes, oldest first.
std::string SpikesCsv(const spiking::Network& net);
// time_ms,v<neuron>_mV...: the recorded membrane traces, one row per step they share.
std::string TracesCsv(const spiking::Network& net);
// projection,synapse,pre,post,weight,delay_ms,present: every synapse of every projection.
std::string SynapsesCsv(const spiking::Network& net);

}  // namespace dendrites::app
